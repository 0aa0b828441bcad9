package com.partnerpipeline.validation;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The value must equal one of a list, compared after conversion (so 1.50 equals 1.5 for a number field). */
public final class EnumConstraint implements Constraint {
    private final Set<Object> allowed = new HashSet<>();
    private final Violation notAllowed;

    /** @param typedValues the allowed values, already converted to the field's type */
    public EnumConstraint(List<Object> typedValues) {
        typedValues.forEach(value -> allowed.add(normalize(value)));
        String list = typedValues.stream().map(String::valueOf).collect(Collectors.joining(", "));
        this.notAllowed = new Violation(ErrorCode.INVALID_VALUE, "must be one of: " + list);
    }

    @Override
    public Violation check(Object typed, Object input) {
        return allowed.contains(normalize(typed)) ? null : notAllowed;
    }

    private static Object normalize(Object value) {
        return value instanceof BigDecimal decimal && decimal.signum() != 0 ? decimal.stripTrailingZeros()
                : value instanceof BigDecimal ? BigDecimal.ZERO : value;
    }
}
