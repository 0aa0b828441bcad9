package com.partnerpipeline.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Skips what precedes the first byte of a JSON or XML file that means anything: a UTF-8 byte order
 * mark, then whitespace, however much of it. Whitespace is no record: a parser or a line reader
 * given 50 MB of it would count it against a record's limits. It is skipped a chunk at a time, so
 * it costs neither memory nor a system call per byte, and the lines and columns it took are kept so
 * that positions reported later are still the file's.
 */
final class LeadingWhitespace {
    private static final int CHUNK = 64 * 1024;

    private final PushbackInputStream rest;
    private final int first;
    private final long lines;
    private final long column;

    private LeadingWhitespace(PushbackInputStream rest, int first, long lines, long column) {
        this.rest = rest;
        this.first = first;
        this.lines = lines;
        this.column = column;
    }

    static LeadingWhitespace skip(InputStream in) throws IOException {
        PushbackInputStream rest = new PushbackInputStream(in, CHUNK);
        byte[] chunk = new byte[CHUNK];
        long lines = 0;
        long column = 0;
        int length = rest.readNBytes(chunk, 0, 3);
        int i =
                length == 3
                                && (chunk[0] & 0xFF) == 0xEF
                                && (chunk[1] & 0xFF) == 0xBB
                                && (chunk[2] & 0xFF) == 0xBF
                        ? 3
                        : 0;
        while (true) {
            for (; i < length; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    lines++;
                    column = 0;
                } else if (FileFormat.isWhitespace(b)) {
                    column++;
                } else {
                    rest.unread(chunk, i, length - i);
                    return new LeadingWhitespace(rest, b & 0xFF, lines, column);
                }
            }
            length =
                    rest.read(
                            chunk, 0,
                            CHUNK); // what is there: the first records are read before more arrive
            i = 0;
            if (length < 0) {
                return new LeadingWhitespace(rest, -1, lines, column);
            }
        }
    }

    /** The file from its first meaningful byte on. */
    InputStream rest() {
        return rest;
    }

    /** The first meaningful byte, or -1 when the file is empty or blank. */
    int first() {
        return first;
    }

    /** Line breaks skipped. */
    long lines() {
        return lines;
    }

    /**
     * The file's line for a line counted (from 1) by a parser that started after the skipped
     * whitespace.
     */
    long line(long parserLine) {
        return parserLine <= 0 ? parserLine : lines + parserLine;
    }

    /**
     * The file's column: on the parser's first line, the whitespace skipped on that line comes
     * first.
     */
    long column(long parserLine, long parserColumn) {
        return parserLine == 1 && parserColumn > 0 ? column + parserColumn : parserColumn;
    }
}
