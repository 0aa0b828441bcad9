package com.partnerpipeline.validation;

import java.util.List;

/**
 * Converts a present value to its field's type and runs the field's constraints, stopping at the
 * first failure.
 */
public final class FieldValidator {
    private final TypeConverter converter;
    private final Constraint[] constraints;

    public FieldValidator(TypeConverter converter, List<Constraint> constraints) {
        this.converter = converter;
        this.constraints = constraints.toArray(new Constraint[0]);
    }

    /** The typed value, or a {@link Violation}. */
    public Object validate(Object input) {
        Object typed = converter.convert(input);
        if (typed instanceof Violation) {
            return typed;
        }
        for (Constraint constraint : constraints) {
            Violation violation = constraint.check(typed, input);
            if (violation != null) {
                return violation;
            }
        }
        return typed;
    }
}
