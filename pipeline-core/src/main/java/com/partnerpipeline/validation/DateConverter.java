package com.partnerpipeline.validation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Calendar dates, ISO-8601 ({@code 2024-05-31}) unless the field gives a format. Impossible dates are refused. */
public final class DateConverter implements TypeConverter {
    private final DateTimeFormatter formatter;
    private final Violation invalid;

    /** @param pattern the field's format as written in the schema, or null for ISO-8601 */
    public DateConverter(DateTimeFormatter formatter, String pattern) {
        this.formatter = formatter == null ? DateTimeFormatter.ISO_LOCAL_DATE : formatter;
        this.invalid = new Violation(ErrorCode.INVALID_TYPE,
                "not a valid date (expected " + (pattern == null ? "YYYY-MM-DD" : "format " + pattern) + ")");
    }

    @Override
    public Object convert(Object value) {
        if (!(value instanceof String text)) {
            Violation notScalar = TypeConverter.notScalar(value, "a date");
            return notScalar != null ? notScalar : invalid;
        }
        try {
            return LocalDate.parse(text, formatter);
        } catch (DateTimeParseException e) {
            return invalid;
        }
    }
}
