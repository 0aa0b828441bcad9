package com.partnerpipeline.validation;

/**
 * One invalid field of one record, as partners see it in reports.
 *
 * @param lineNumber 1-based line where the record starts, 0 when unknown
 * @param field the schema field name; for a record-level error, null; for a rule, the fields it
 *     names
 * @param rawValue the value as read from the file, before any transformation; null when the field
 *     was absent
 */
public record FieldError(
        long recordIndex,
        long lineNumber,
        String field,
        ErrorCode code,
        String message,
        String rawValue) {}
