package com.partnerpipeline.validation;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Whole numbers in the 64-bit range, as {@link Long}. Text must be digits with an optional sign
 * ("12.0" is not an integer); a JSON number is accepted when its value is whole (JSON {@code 12.0}
 * is 12).
 */
public final class IntegerConverter implements TypeConverter {
    private static final Violation NOT_AN_INTEGER =
            new Violation(ErrorCode.INVALID_TYPE, "not a valid integer");
    private static final Violation OUT_OF_RANGE =
            new Violation(ErrorCode.NUMBER_OUT_OF_RANGE, "integer out of the 64-bit range");

    @Override
    public Object convert(Object value) {
        if (value instanceof String text) {
            return parse(text);
        }
        if (value instanceof Long) {
            return value;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : OUT_OF_RANGE;
        }
        if (value instanceof BigDecimal decimal) {
            // stripTrailingZeros and longValueExact look at precision and scale first: 1e999999999
            // is never expanded
            try {
                return decimal.stripTrailingZeros().scale() > 0
                        ? NOT_AN_INTEGER
                        : (Object) decimal.longValueExact();
            } catch (ArithmeticException e) {
                return OUT_OF_RANGE;
            }
        }
        return TypeConverter.wrongKind(value, "an integer", NOT_AN_INTEGER);
    }

    private static Object parse(String text) {
        int n = text.length();
        int start = n > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        if (start == n) {
            return NOT_AN_INTEGER;
        }
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_AN_INTEGER;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return OUT_OF_RANGE;
        }
    }
}
