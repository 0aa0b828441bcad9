package com.partnerpipeline.formats;

/**
 * The file cannot be read on: truncated or broken syntax, invalid UTF-8, a refused DTD, a hard
 * limit exceeded where the reader cannot find the next record. Names the record (0-based index) and
 * the line and column where reading broke; every record before it was read.
 */
public final class UnreadableFileException extends Exception {
    private final long recordIndex;
    private final long line;
    private final long column;
    private final String reason;

    public UnreadableFileException(
            String reason, long recordIndex, long line, long column, Throwable cause) {
        super(describe(reason, recordIndex, line, column), cause);
        this.recordIndex = recordIndex;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public UnreadableFileException(String reason, long recordIndex, long line, long column) {
        this(reason, recordIndex, line, column, null);
    }

    private static String describe(String reason, long recordIndex, long line, long column) {
        StringBuilder where =
                new StringBuilder("cannot read the file at record ").append(recordIndex);
        if (line > 0) {
            where.append(" (line ").append(line);
            if (column > 0) {
                where.append(", column ").append(column);
            }
            where.append(')');
        }
        return where.append(": ").append(reason).toString();
    }

    public long recordIndex() {
        return recordIndex;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
