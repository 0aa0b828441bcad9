package com.partnerpipeline.processing;

/**
 * A record that passed: only the schema's fields, typed ({@code String, Long, BigDecimal, Boolean,
 * LocalDate}, {@code OffsetDateTime} or {@code LocalDateTime}), in schema order; null where an
 * optional field was absent.
 */
public record ValidRecord(long index, long lineNumber, Object[] values) implements Evaluation {}
