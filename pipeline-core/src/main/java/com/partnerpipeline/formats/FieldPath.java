package com.partnerpipeline.formats;

import java.util.Objects;

/**
 * A source location inside a record: a CSV column name, or a dotted path into a JSON or XML record
 * ({@code address.city}). Split once when a schema is compiled so lookups do no string work per record.
 */
public final class FieldPath {
    private final String path;
    private final String[] segments;

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
