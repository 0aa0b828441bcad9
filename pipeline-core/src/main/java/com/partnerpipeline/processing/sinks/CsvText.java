package com.partnerpipeline.processing.sinks;

/** RFC 4180 quoting for the CSV files the sinks write. */
public final class CsvText {
    private CsvText() {}

    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        boolean needsQuotes =
                value.isEmpty()
                        ? false
                        : value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ';
        for (int i = 0; i < value.length() && !needsQuotes; i++) {
            char c = value.charAt(i);
            needsQuotes = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    public static String row(String... values) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(escape(values[i]));
        }
        return row.append('\n').toString();
    }
}
