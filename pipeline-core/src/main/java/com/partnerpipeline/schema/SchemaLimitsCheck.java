package com.partnerpipeline.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Refuses a schema that exceeds its {@link SchemaLimits}, looking only at sizes, in one pass over
 * its JSON and before anything is compiled: a pattern's size is counted from its text, never by
 * compiling it. Whatever else is wrong with the schema is left to the compiler, which can then
 * afford to look.
 */
final class SchemaLimitsCheck {
    private final SchemaLimits limits;

    SchemaLimitsCheck(SchemaLimits limits) {
        this.limits = limits;
    }

    void check(JsonNode fields, JsonNode rules) throws InvalidSchemaException {
        if (fields != null && fields.isArray() && fields.size() > limits.maxFields()) {
            throw over(
                    "the schema has " + fields.size() + " fields", limits.maxFields(), "maxFields");
        }
        checkDepth(fields);
        checkDepth(rules);
        if (fields != null && fields.isArray()) {
            for (int i = 0; i < fields.size(); i++) {
                checkField(fields.get(i), i);
            }
        }
        JsonNode ruleFields = rules == null ? null : rules.get("requireAtLeastOne");
        if (ruleFields != null && ruleFields.size() > limits.maxRuleFields()) {
            throw over(
                    "validation_rules: requireAtLeastOne names " + ruleFields.size() + " fields",
                    limits.maxRuleFields(),
                    "maxRuleFields");
        }
    }

    /**
     * Iterative, so no nesting reaches the stack, whatever parsed the JSON allowed. Also refuses
     * U+0000 in any text: PostgreSQL's jsonb, which stores schemas, cannot hold it, and offline
     * validation must agree with the server.
     */
    private void checkDepth(JsonNode root) throws InvalidSchemaException {
        if (root == null) {
            return;
        }
        Deque<Map.Entry<JsonNode, Integer>> pending = new ArrayDeque<>();
        pending.push(Map.entry(root, 1));
        while (!pending.isEmpty()) {
            Map.Entry<JsonNode, Integer> next = pending.pop();
            if (next.getKey().isTextual() && next.getKey().asText().indexOf('\u0000') >= 0) {
                throw new InvalidSchemaException(
                        "a text in the schema contains the NUL character (\\u0000), "
                                + "which cannot be stored");
            }
            if (!next.getKey().isContainerNode()) {
                continue;
            }
            if (next.getValue() > limits.maxDepth()) {
                throw over(
                        "the schema's JSON nests " + next.getValue() + " or more levels deep",
                        limits.maxDepth(),
                        "maxDepth");
            }
            for (Map.Entry<String, JsonNode> child : next.getKey().properties()) {
                if (child.getKey().indexOf('\u0000') >= 0) {
                    throw new InvalidSchemaException(
                            "a key in the schema contains the NUL character (\\u0000)");
                }
            }
            for (JsonNode child : next.getKey()) {
                pending.push(Map.entry(child, next.getValue() + 1));
            }
        }
    }

    private void checkField(JsonNode field, int position) throws InvalidSchemaException {
        if (field == null || !field.isObject()) {
            return;
        }
        String name = text(field, "name");
        checkLength(
                "field " + (position + 1) + ": name",
                name,
                limits.maxNameLength(),
                "maxNameLength");
        String where = name == null ? "field " + (position + 1) : "field '" + name + "'";
        JsonNode validation = field.path("validation");
        JsonNode transform = field.path("transform");
        checkMapping(where, text(transform, "mapping"));
        checkPattern(where, text(validation, "pattern"));
        checkEnum(where, validation.get("enum"));
        checkValue(where + ": transform.default", text(transform, "default"));
        checkValue(where + ": format", text(field, "format"));
        checkValue(where + ": validation.format", text(validation, "format"));
    }

    private void checkMapping(String where, String mapping) throws InvalidSchemaException {
        if (mapping == null) {
            return;
        }
        checkLength(
                where + ": transform.mapping", mapping, limits.maxNameLength(), "maxNameLength");
        long levels = mapping.chars().filter(c -> c == '.').count() + 1;
        if (levels > limits.maxDepth()) {
            throw over(
                    where + ": transform.mapping has " + levels + " levels",
                    limits.maxDepth(),
                    "maxDepth");
        }
    }

    private void checkPattern(String where, String pattern) throws InvalidSchemaException {
        if (pattern == null) {
            return;
        }
        checkLength(
                where + ": validation.pattern",
                pattern,
                limits.maxPatternLength(),
                "maxPatternLength");
        long size = PatternSize.of(pattern);
        if (size > limits.maxPatternSize()) {
            throw over(
                    where
                            + ": validation.pattern compiles to about "
                            + size
                            + " instructions (its counted repetitions multiplied out)",
                    limits.maxPatternSize(),
                    "maxPatternSize");
        }
    }

    private void checkEnum(String where, JsonNode values) throws InvalidSchemaException {
        if (values == null || !values.isArray()) {
            return;
        }
        if (values.size() > limits.maxEnumValues()) {
            throw over(
                    where + ": validation.enum has " + values.size() + " values",
                    limits.maxEnumValues(),
                    "maxEnumValues");
        }
        for (JsonNode value : values) {
            checkValue(
                    where + ": validation.enum value", value.isTextual() ? value.asText() : null);
        }
    }

    private void checkValue(String what, String value) throws InvalidSchemaException {
        checkLength(what, value, limits.maxValueLength(), "maxValueLength");
    }

    private static void checkLength(String what, String text, int limit, String key)
            throws InvalidSchemaException {
        if (text != null && text.length() > limit) {
            throw over(what + " is " + text.length() + " characters long", limit, key);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static InvalidSchemaException over(String what, int limit, String key) {
        return new InvalidSchemaException(
                what + "; at most " + limit + " are allowed (schemas." + key + ")");
    }
}
