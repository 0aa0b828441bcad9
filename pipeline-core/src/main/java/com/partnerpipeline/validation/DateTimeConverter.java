package com.partnerpipeline.validation;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Date-times, ISO-8601 unless the field gives a format. A value with an offset becomes an {@link
 * java.time.OffsetDateTime}; one without stays a {@link LocalDateTime}.
 */
public final class DateTimeConverter implements TypeConverter {
    private final DateTimeFormatter formatter;
    private final Violation invalid;

    public DateTimeConverter(DateTimeFormatter formatter, String pattern) {
        this.formatter = formatter == null ? DateTimeFormatter.ISO_DATE_TIME : formatter;
        this.invalid =
                new Violation(
                        ErrorCode.INVALID_TYPE,
                        "not a valid date-time (expected "
                                + (pattern == null
                                        ? "ISO-8601 such as 2024-05-31T14:30:00Z"
                                        : "format " + pattern)
                                + ")");
    }

    @Override
    public Object convert(Object value) {
        if (!(value instanceof String text)) {
            return TypeConverter.wrongKind(value, "a date-time", invalid);
        }
        try {
            TemporalAccessor parsed =
                    formatter.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
            return parsed instanceof ZonedDateTime zoned ? zoned.toOffsetDateTime() : parsed;
        } catch (DateTimeParseException e) {
            return invalid;
        }
    }
}
