package com.partnerpipeline.app.api;

/** One invalid field of one record, as {@code GET /api/jobs/{id}/errors} returns it. */
public record ErrorView(long recordIndex, Long lineNumber, String field, String code, String message, String rawValue) {
}
