package com.partnerpipeline.formats;

import java.io.IOException;
import java.io.Reader;

/**
 * Cuts a CSV character stream into records, following RFC 4180 quoting (a quoted value may span lines), and
 * finds the next record again after a broken one.
 *
 * <p>An unclosed quote would otherwise swallow the rest of the file into one value. A quoted value that runs past
 * the end of its line is taken as multi-line only while it stays plausible: if it ends in a stray character after
 * its closing quote, reaches the end of the file, or grows past the record limit, the quote was never closed. Then
 * the record's first line alone is rejected and the lines after it are read again as records of their own. What
 * is read again is at most one record limit of text, so memory stays bounded.
 */
final class CsvRecordSplitter {
    /** A delimited record; {@code problem} is non-null when it is malformed. */
    record RawRecord(String text, long lineNumber, String problem) {
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN, AFTER_QUOTE }

    private final Reader in;
    private final int maxRecordChars;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private char[] pushback = new char[0];
    private int pushbackPosition;
    private final StringBuilder record = new StringBuilder(256);
    private long line = 1;
    private long column;

    CsvRecordSplitter(Reader in, int maxRecordChars) throws IOException {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
        skipByteOrderMark();
    }

    /** Line and column of the next character, for errors that stop the file. */
    long line() {
        return line;
    }

    long column() {
        return column + 1;
    }

    /** The next record, skipping blank lines; {@code null} at the end of the input. */
    RawRecord next() throws IOException {
        RawRecord raw;
        do {
            raw = scan();
        } while (raw != null && raw.problem() == null && raw.text().isBlank());
        return raw;
    }

    private RawRecord scan() throws IOException {
        record.setLength(0);
        long startLine = line;
        int firstLineEnd = -1;
        String problem = null;
        State state = State.FIELD_START;
        while (true) {
            int c = read();
            if (c < 0) {
                if (state == State.QUOTED) {
                    return unclosedQuote(startLine, firstLineEnd);
                }
                return record.length() == 0 && problem == null ? null : finish(startLine, problem);
            }
            if (c == '\n') {
                line++;
                column = 0;
                if (state != State.QUOTED) {
                    return finish(startLine, problem);
                }
                if (firstLineEnd < 0) {
                    firstLineEnd = record.length();
                }
            } else {
                column++;
            }
            record.append((char) c);
            if (record.length() > maxRecordChars) {
                if (state == State.QUOTED && firstLineEnd >= 0) {
                    return unclosedQuote(startLine, firstLineEnd);
                }
                return skipOverlongLine(startLine);
            }
            switch (state) {
                case FIELD_START -> {
                    if (c == '"') {
                        state = State.QUOTED;
                    } else if (c != ',' && !isBlank(c)) {
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (c == ',') {
                        state = State.FIELD_START;
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        state = State.QUOTE_SEEN;
                    }
                }
                case QUOTE_SEEN, AFTER_QUOTE -> {
                    if (c == '"' && state == State.QUOTE_SEEN) {
                        state = State.QUOTED; // "" is an escaped quote
                    } else if (c == ',') {
                        state = State.FIELD_START;
                    } else if (isBlank(c)) {
                        state = State.AFTER_QUOTE;
                    } else if (firstLineEnd >= 0) {
                        return unclosedQuote(startLine, firstLineEnd);
                    } else {
                        if (problem == null) {
                            problem = "unexpected character '" + (char) c + "' after a closing quote at column " + column;
                        }
                        state = State.UNQUOTED;
                    }
                }
            }
        }
    }

    private RawRecord finish(long startLine, String problem) {
        int end = record.length();
        if (end > 0 && record.charAt(end - 1) == '\r') {
            end--;
        }
        return new RawRecord(record.substring(0, end), startLine, problem);
    }

    /** Rejects the first line of the record and queues the lines after it to be read again. */
    private RawRecord unclosedQuote(long startLine, int firstLineEnd) {
        if (firstLineEnd < 0) {
            return new RawRecord(stripCarriageReturn(record.toString()), startLine, "unclosed quote");
        }
        unread(record.substring(firstLineEnd + 1));
        line = startLine + 1;
        column = 0;
        return new RawRecord(stripCarriageReturn(record.substring(0, firstLineEnd)), startLine,
                "unclosed quote (the quoted value never ends)");
    }

    private RawRecord skipOverlongLine(long startLine) throws IOException {
        String start = record.substring(0, Math.min(record.length(), 200));
        int c;
        do {
            c = read();
        } while (c >= 0 && c != '\n');
        if (c == '\n') {
            line++;
            column = 0;
        }
        return new RawRecord(start, startLine, "record longer than " + maxRecordChars + " characters");
    }

    private void unread(String text) {
        String remaining = new String(pushback, pushbackPosition, pushback.length - pushbackPosition);
        pushback = (text + remaining).toCharArray();
        pushbackPosition = 0;
    }

    private int read() throws IOException {
        if (pushbackPosition < pushback.length) {
            return pushback[pushbackPosition++];
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }

    private void skipByteOrderMark() throws IOException {
        int first = read();
        if (first >= 0 && first != '\uFEFF') {
            position--;
        }
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static String stripCarriageReturn(String text) {
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
