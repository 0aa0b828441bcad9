package com.partnerpipeline.app.domain;

/**
 * One invalid field of one record: what {@code GET /api/jobs/{id}/errors} and the error exports
 * return.
 */
public record RecordError(
        long recordIndex,
        Long lineNumber,
        String field,
        String code,
        String message,
        String rawValue) {}
