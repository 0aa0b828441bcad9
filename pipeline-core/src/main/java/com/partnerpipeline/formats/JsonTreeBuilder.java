package com.partnerpipeline.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one JSON object from a streaming parser into plain maps and lists, keeping JSON types:
 * strings, {@code Integer/Long/BigInteger} for integers, {@code BigDecimal} for decimals (exact),
 * booleans, {@code null}.
 */
final class JsonTreeBuilder {
    private final RecordBudget budget;

    /**
     * Why the record being read cannot be kept although it is well-formed JSON; null while it can.
     */
    private String unrepresentable;

    JsonTreeBuilder(ReaderLimits limits) {
        this.budget = new RecordBudget(limits);
    }

    /**
     * Reads the object the parser is positioned on; returns {@code null} when it exceeded the
     * record limits or holds a value no Java type represents, and {@link #rejectionReason()} says
     * which.
     */
    Map<String, Object> readRecord(JsonParser parser) throws IOException {
        budget.reset();
        unrepresentable = null;
        Map<String, Object> record = readObject(parser);
        return budget.exceeded() || unrepresentable != null ? null : record;
    }

    String rejectionReason() {
        return budget.exceeded() ? budget.describe() : unrepresentable;
    }

    private Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            budget.chargeName(name.length());
            parser.nextToken();
            Object value = readValue(parser);
            if (!budget.exceeded()) {
                object.put(name, value);
            }
        }
        return object;
    }

    private List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            Object value = readValue(parser);
            if (!budget.exceeded()) {
                array.add(value);
            }
        }
        return array;
    }

    private Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readObject(parser);
            case START_ARRAY:
                return readArray(parser);
            case VALUE_STRING:
                budget.chargeValue(parser.getTextLength());
                return parser.getText();
            case VALUE_NUMBER_INT:
                budget.chargeValue(parser.getTextLength());
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                budget.chargeValue(parser.getTextLength());
                return decimal(parser);
            case VALUE_TRUE:
            case VALUE_FALSE:
                budget.chargeValue(5);
                return token == JsonToken.VALUE_TRUE;
            case VALUE_NULL:
                budget.chargeValue(4);
                return null;
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    /**
     * A decimal's exact value. An exponent beyond the int range ({@code 1e9999999999}) fits no
     * {@link BigDecimal}: the record is refused and the parser, which has read the whole token,
     * goes on to the next.
     */
    private Object decimal(JsonParser parser) throws IOException {
        try {
            return parser.getDecimalValue();
        } catch (NumberFormatException e) {
            unrepresentable = "number out of range: " + parser.getText();
            return null;
        }
    }

    /** A short description of a non-object value, for "expected an object" messages. */
    static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
