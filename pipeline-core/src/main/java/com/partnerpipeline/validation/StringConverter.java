package com.partnerpipeline.validation;

import java.math.BigDecimal;

/**
 * Any scalar reads as text: a JSON number or boolean becomes its literal, a number written out
 * plainly (1.5e3 is "1500").
 */
public final class StringConverter implements TypeConverter {
    private static final Violation TOO_LONG_TO_WRITE =
            new Violation(
                    ErrorCode.NUMBER_OUT_OF_RANGE,
                    "number too large or too small to write out as text (more than "
                            + PlainNumbers.MAX_DIGITS
                            + " digits); send it as a string");

    @Override
    public Object convert(Object value) {
        if (value instanceof String) {
            return value;
        }
        Violation notScalar = TypeConverter.notScalar(value, "a string");
        if (notScalar != null) {
            return notScalar;
        }
        if (value instanceof BigDecimal decimal) {
            String plain = PlainNumbers.of(decimal);
            return plain != null ? plain : TOO_LONG_TO_WRITE;
        }
        return value.toString(); // booleans, and integers the JSON readers bounded to 1000 digits
    }
}
