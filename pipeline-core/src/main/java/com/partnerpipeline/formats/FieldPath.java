package com.partnerpipeline.formats;

import java.util.Objects;

/**
 * A source location inside a record: a CSV column name, or a dotted path into a JSON or XML record
 * ({@code address.city}). Split once when a schema is compiled so lookups do no string work per
 * record.
 */
public final class FieldPath {
    private final String path;
    private final String[] segments;

    /**
     * The column this path had in the last CSV header it was looked up in: files of one schema
     * share a header.
     */
    private ColumnSlot lastColumn;

    private record ColumnSlot(CsvHeader header, int column) {}

    private FieldPath(String path) {
        this.path = path;
        this.segments = path.split("\\.", -1);
    }

    public static FieldPath of(String path) {
        Objects.requireNonNull(path, "path");
        return new FieldPath(path);
    }

    public String path() {
        return path;
    }

    String[] segments() {
        return segments;
    }

    /**
     * Column index in {@code header}, or -1; one reference comparison per lookup once the header is
     * known.
     */
    int columnIn(CsvHeader header) {
        ColumnSlot slot =
                lastColumn; // an immutable pair, so a racing thread sees either the old or the new
        // one whole
        if (slot == null || slot.header() != header) {
            slot = new ColumnSlot(header, header.indexOf(path));
            lastColumn = slot;
        }
        return slot.column();
    }

    boolean isNested() {
        return segments.length > 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && other.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }
}
