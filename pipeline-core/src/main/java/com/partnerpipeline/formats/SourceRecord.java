package com.partnerpipeline.formats;

import java.util.function.BiConsumer;

/** One record as read from a file, before any transformation. */
public non-sealed interface SourceRecord extends ReadItem {
    /**
     * The value at {@code path}: a {@code String} for CSV and XML; for JSON the JSON type ({@code
     * String, Long, BigInteger, BigDecimal, Boolean}, {@code List} for arrays, {@code Map} for
     * objects). {@code null} when the record has no such field.
     */
    Object get(FieldPath path);

    /** Visits every leaf field with its dotted path, in file order. */
    void forEachField(BiConsumer<String, Object> action);
}
