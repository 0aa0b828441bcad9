package com.partnerpipeline.validation;

import java.math.BigDecimal;

/**
 * true/false, 1/0, yes/no in any case; JSON booleans; JSON numbers 1 and 0. Anything else is
 * refused.
 */
public final class BooleanConverter implements TypeConverter {
    private static final Violation NOT_A_BOOLEAN =
            new Violation(
                    ErrorCode.INVALID_TYPE, "not a boolean (expected true/false, 1/0 or yes/no)");

    @Override
    public Object convert(Object value) {
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof String text) {
            if (text.equalsIgnoreCase("true") || text.equals("1") || text.equalsIgnoreCase("yes")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false") || text.equals("0") || text.equalsIgnoreCase("no")) {
                return Boolean.FALSE;
            }
            return NOT_A_BOOLEAN;
        }
        if (value instanceof Long || value instanceof Integer) {
            return convert(value.toString());
        }
        if (value instanceof BigDecimal decimal) {
            return fromDecimal(decimal);
        }
        return TypeConverter.wrongKind(value, "a boolean", NOT_A_BOOLEAN);
    }

    /**
     * A JSON number written {@code 1} or {@code 0} (also {@code 1e0}, not {@code 1.0}), compared as
     * a value: writing it out first would expand {@code 1e999999999} to a billion digits.
     */
    private static Object fromDecimal(BigDecimal decimal) {
        if (decimal.signum() == 0 && decimal.scale() <= 0) {
            return Boolean.FALSE;
        }
        return decimal.scale() == 0 && decimal.compareTo(BigDecimal.ONE) == 0
                ? Boolean.TRUE
                : NOT_A_BOOLEAN;
    }
}
