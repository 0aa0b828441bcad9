package com.partnerpipeline.validation;

import java.util.List;
import java.util.Map;

/** Strict conversion of a present value to a field's type. */
@FunctionalInterface
public interface TypeConverter {
    /**
     * The typed value, or a {@link Violation} when {@code value} is not of the type. Never null.
     */
    Object convert(Object value);

    /**
     * The violation for a value of the wrong kind: "found an array/object" for those, else {@code
     * otherwise}.
     */
    static Violation wrongKind(Object value, String expected, Violation otherwise) {
        Violation notScalar = notScalar(value, expected);
        return notScalar != null ? notScalar : otherwise;
    }

    /**
     * What to say when a JSON array or object arrives where a scalar is expected, or null when it
     * is a scalar.
     */
    static Violation notScalar(Object value, String expected) {
        if (value instanceof List<?>) {
            return new Violation(
                    ErrorCode.INVALID_TYPE, "expected " + expected + ", found an array");
        }
        if (value instanceof Map<?, ?>) {
            return new Violation(
                    ErrorCode.INVALID_TYPE, "expected " + expected + ", found an object");
        }
        return null;
    }
}
