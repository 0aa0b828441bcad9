package com.partnerpipeline.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one object of schema JSON with errors that say where ({@code field 'age': validation.min
 * ...}).
 */
final class SchemaNode {
    private final JsonNode node;
    private final String where;

    private SchemaNode(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    /**
     * @param where how messages name this object, e.g. {@code field 'age': validation}
     */
    static SchemaNode of(JsonNode node, String where, Set<String> allowedKeys)
            throws InvalidSchemaException {
        if (node == null || !node.isObject()) {
            throw new InvalidSchemaException(where + " must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowedKeys.contains(key)) {
                throw new InvalidSchemaException(
                        where
                                + ": unknown key '"
                                + key
                                + "' (allowed: "
                                + String.join(", ", new TreeSet<>(allowedKeys))
                                + ")");
            }
        }
        return new SchemaNode(node, where);
    }

    String where() {
        return where;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    JsonNode get(String key) {
        return node.get(key);
    }

    InvalidSchemaException error(String key, String problem) {
        return new InvalidSchemaException(where + ": " + key + " " + problem);
    }

    String text(String key) throws InvalidSchemaException {
        if (!has(key)) {
            return null;
        }
        JsonNode value = node.get(key);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw error(key, "must be a non-empty string");
        }
        return value.asText();
    }

    boolean bool(String key, boolean absent) throws InvalidSchemaException {
        if (!has(key)) {
            return absent;
        }
        if (!node.get(key).isBoolean()) {
            throw error(key, "must be true or false");
        }
        return node.get(key).booleanValue();
    }

    BigDecimal number(String key) throws InvalidSchemaException {
        if (!has(key)) {
            return null;
        }
        if (!node.get(key).isNumber()) {
            throw error(key, "must be a number");
        }
        return decimal(key, node.get(key));
    }

    /**
     * The exact value of a number under {@code key}. Schemas are mostly read with floating-point
     * numbers as doubles, and a double read from {@code 1e999} is infinite, which no {@link
     * BigDecimal} holds.
     */
    BigDecimal decimal(String key, JsonNode number) throws InvalidSchemaException {
        if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
            throw error(key, "has a number too large to use (beyond ±1.8e308)");
        }
        return number.decimalValue();
    }

    Long wholeNumber(String key, long minimum) throws InvalidSchemaException {
        BigDecimal value = number(key);
        if (value == null) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.valueOf(minimum)) < 0
                || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw error(key, "must be a whole number of at least " + minimum);
        }
        return value.longValueExact();
    }
}
