package com.partnerpipeline.validation;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The value must equal one of a list, compared after conversion (so 1.50 equals 1.5 for a number
 * field).
 */
public final class EnumConstraint implements Constraint {
    private static final int MAX_LISTED_CHARS = 200;
    private final Set<Object> allowed = new HashSet<>();
    private final Violation notAllowed;

    /**
     * @param typedValues the allowed values, already converted to the field's type
     */
    public EnumConstraint(List<Object> typedValues) {
        typedValues.forEach(value -> allowed.add(normalize(value)));
        this.notAllowed =
                new Violation(ErrorCode.INVALID_VALUE, "must be one of: " + list(typedValues));
    }

    /**
     * The allowed values for the message, cut short after about {@link #MAX_LISTED_CHARS}
     * characters: the message goes into every error row, and a thousand long values in each would
     * make the errors far larger than the file.
     */
    private static String list(List<Object> values) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String value = String.valueOf(values.get(i));
            if (i > 0 && list.length() + value.length() > MAX_LISTED_CHARS) {
                return list.append(", ... (")
                        .append(values.size())
                        .append(" values in all)")
                        .toString();
            }
            list.append(i > 0 ? ", " : "").append(value);
        }
        return list.toString();
    }

    @Override
    public Violation check(Object typed, Object input) {
        return allowed.contains(normalize(typed)) ? null : notAllowed;
    }

    private static Object normalize(Object value) {
        return value instanceof BigDecimal decimal && decimal.signum() != 0
                ? decimal.stripTrailingZeros()
                : value instanceof BigDecimal ? BigDecimal.ZERO : value;
    }
}
