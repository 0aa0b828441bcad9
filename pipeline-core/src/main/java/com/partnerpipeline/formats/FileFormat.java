package com.partnerpipeline.formats;

import java.util.Locale;
import java.util.Optional;

/** The file formats partners send. JSON covers both a top-level array and JSON Lines, told apart by content. */
public enum FileFormat {
    CSV, JSON, XML;

    /** The format named by a file's extension: {@code .csv}, {@code .json .jsonl .ndjson}, {@code .xml}. */
    public static Optional<FileFormat> fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSON);
        }
        if (name.endsWith(".xml")) {
            return Optional.of(XML);
        }
        return Optional.empty();
    }

    /**
     * Whether the first bytes of a file are plausible for this format: JSON starts with '[' or '{', XML with '<',
     * CSV with anything printable. Leading whitespace and a UTF-8 byte order mark are skipped.
     */
    public boolean matchesContent(byte[] head, int length) {
        int i = 0;
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < length && isWhitespace(head[i])) {
            i++;
        }
        if (i == length) {
            return true; // empty or blank: each reader handles it as a file with no records
        }
        byte first = head[i];
        return switch (this) {
            case JSON -> first == '[' || first == '{';
            case XML -> first == '<';
            case CSV -> first != '<' && first != '{' && first != '[' && first != 0;
        };
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
