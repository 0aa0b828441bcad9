package com.partnerpipeline.formats;

/**
 * Hard limits that keep a hostile file from exhausting memory or stack. Every reader enforces all
 * of them.
 *
 * @param maxFieldChars longest single value (CSV cell, JSON string, XML text or attribute)
 * @param maxRecordChars longest record, measured in characters of its text
 * @param maxDepth deepest nesting of JSON objects/arrays or XML elements
 * @param maxFields most fields (columns, leaves) in one record
 */
public record ReaderLimits(int maxFieldChars, int maxRecordChars, int maxDepth, int maxFields) {
    public static final ReaderLimits DEFAULTS = new ReaderLimits(1 << 20, 8 << 20, 64, 10_000);

    public ReaderLimits {
        if (maxFieldChars < 1 || maxRecordChars < maxFieldChars || maxDepth < 2 || maxFields < 1) {
            throw new IllegalArgumentException("inconsistent reader limits: " + this);
        }
    }
}
