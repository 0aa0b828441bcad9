package com.partnerpipeline.processing.sinks;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes a validated record's values as JSON: numbers as numbers, booleans as booleans, dates as
 * ISO-8601 text.
 */
public final class TypedValues {
    private TypedValues() {}

    public static void writeRecord(JsonGenerator json, List<String> fieldNames, Object[] values)
            throws IOException {
        json.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            json.writeFieldName(fieldNames.get(i));
            write(json, values[i]);
        }
        json.writeEndObject();
    }

    public static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof OffsetDateTime dateTime) {
            json.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime));
        } else if (value instanceof LocalDateTime dateTime) {
            json.writeString(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime));
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                write(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof Number number) {
            json.writeNumber(number.toString());
        } else {
            json.writeString(value.toString()); // LocalDate and anything else with an ISO toString
        }
    }
}
