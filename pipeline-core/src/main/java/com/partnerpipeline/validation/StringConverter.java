package com.partnerpipeline.validation;

import java.math.BigDecimal;

/** Any scalar reads as text: a JSON number or boolean becomes its literal. */
public final class StringConverter implements TypeConverter {
    @Override
    public Object convert(Object value) {
        if (value instanceof String) {
            return value;
        }
        Violation notScalar = TypeConverter.notScalar(value, "a string");
        if (notScalar != null) {
            return notScalar;
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
