package com.partnerpipeline.app.db;

/** Values in PostgreSQL's COPY text format: tab-separated, \N for null, backslash escapes. */
final class CopyText {
    private final StringBuilder row = new StringBuilder(512);

    CopyText value(Object value) {
        if (!row.isEmpty() && row.charAt(row.length() - 1) != '\n') {
            row.append('\t');
        }
        if (value == null) {
            row.append("\\N");
            return this;
        }
        String text = value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                case '\0' ->
                        row.append("\\\\u0000"); // PostgreSQL text cannot hold NUL: keep it visible
                // instead
                default -> row.append(c);
            }
        }
        return this;
    }

    CopyText endRow() {
        row.append('\n');
        return this;
    }

    boolean isEmpty() {
        return row.isEmpty();
    }

    String text() {
        return row.toString();
    }
}
