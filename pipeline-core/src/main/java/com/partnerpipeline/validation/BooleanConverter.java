package com.partnerpipeline.validation;

import java.math.BigDecimal;

/** true/false, 1/0, yes/no in any case; JSON booleans; JSON numbers 1 and 0. Anything else is refused. */
public final class BooleanConverter implements TypeConverter {
    private static final Violation NOT_A_BOOLEAN =
            new Violation(ErrorCode.INVALID_TYPE, "not a boolean (expected true/false, 1/0 or yes/no)");

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
        if (value instanceof Long || value instanceof Integer || value instanceof BigDecimal) {
            String number = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
            return convert(number);
        }
        return TypeConverter.wrongKind(value, "a boolean", NOT_A_BOOLEAN);
    }
}
