package com.partnerpipeline.formats;

import java.io.IOException;
import java.io.Reader;

/**
 * Cuts a CSV character stream into records, following RFC 4180 quoting (a quoted value may span
 * lines), and finds the next record again after a broken one.
 *
 * <p>An unclosed quote would otherwise swallow the rest of the file into one value. A quoted value
 * that runs past the end of its line is taken as multi-line only while it stays plausible: if it
 * ends in a stray character after its closing quote, reaches the end of the file, or grows past the
 * record limit, the quote was never closed. Then the record's first line alone is rejected and the
 * lines after it are read again as records of their own. What is read again is at most one record
 * limit of text, so memory stays bounded.
 *
 * <p>The scan runs over the buffer and copies whole runs of characters: this is the hottest loop of
 * CSV reading.
 */
final class CsvRecordSplitter {
    /**
     * A delimited record; {@code problem} is non-null when it is malformed.
     *
     * @param text the record's text ending in one '\n', which lets univocity finish the record at
     *     the line break instead of at the end of its input (a third faster)
     * @param quoted whether the record contains a quoted value; one that does not splits trivially
     */
    record RawRecord(String text, long lineNumber, String problem, boolean quoted) {
        /** The record as it stood in the file, without its line terminator. */
        String line() {
            return text.substring(0, text.length() - 1);
        }
    }

    private enum State {
        FIELD_START,
        UNQUOTED,
        QUOTED,
        QUOTE_SEEN,
        AFTER_QUOTE
    }

    private static final int BUFFER_SIZE = 16 * 1024;

    private final Reader in;
    private final int maxRecordChars;
    private char[] buffer = new char[BUFFER_SIZE];
    private int position;
    private int limit;
    private final StringBuilder record = new StringBuilder(256);
    private long line = 1;
    private long columnAtFill;
    private boolean quoted;
    private boolean headerRead;

    /** Whether lines end in lone CRs (see {@link #detectLoneCrLineEnds()}). */
    private boolean crLineEnds;

    /**
     * Whether the last character translated was a CR, so that an LF right after it is part of the
     * same line end.
     */
    private boolean crBefore;

    CsvRecordSplitter(Reader in, int maxRecordChars) throws IOException {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
        fill();
        skipLeadingWhitespace();
        detectLoneCrLineEnds();
    }

    /**
     * Files saved with classic Mac line endings end every line in a lone CR. Read like any other,
     * such a file would be one header row of all its lines and no records: so the line break that
     * ends the header decides. If it is a lone CR (outside quotes, in the first buffer), the file's
     * line breaks are CRs, and from here on every CR, LF or CRLF is taken for one '\n' as the
     * buffer is filled (a line break inside a quoted value too), so that the splitter and univocity
     * see lines as in any other file. Otherwise a lone CR stays what it is: content, trimmed at a
     * value's ends. Deciding once, at the header, keeps the reading of a file from changing
     * half-way, and looks at nothing the buffer does not already hold.
     */
    private void detectLoneCrLineEnds() {
        boolean inQuotes = false;
        for (int i = position; i < limit; i++) {
            char c = buffer[i];
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && c == '\n') {
                return;
            } else if (!inQuotes && c == '\r') {
                if (i + 1 < limit && buffer[i + 1] != '\n') {
                    crLineEnds = true;
                    limit = translateLineEnds(position, limit);
                }
                return;
            }
        }
    }

    /** Rewrites buffer[from..to) in place, each CR, LF or CRLF as one '\n'; returns the new end. */
    private int translateLineEnds(int from, int to) {
        int end = from;
        for (int i = from; i < to; i++) {
            char c = buffer[i];
            if (c == '\n' && crBefore) {
                crBefore = false;
                continue;
            }
            crBefore = c == '\r';
            buffer[end++] = crBefore ? '\n' : c;
        }
        return end;
    }

    /**
     * Whitespace and byte order marks before the header are no part of it (its names are trimmed
     * anyway), however many there are: skipped here, they never count against the record limit. Any
     * later BOM is content.
     */
    private void skipLeadingWhitespace() throws IOException {
        do {
            for (; position < limit; position++) {
                char c = buffer[position];
                if (c == '\n') {
                    line++;
                } else if (!isBlank(c) && c != '\uFEFF') {
                    return;
                }
            }
        } while (fill());
    }

    /**
     * Line and column of the next character, for errors that stop the file (they arise only when
     * refilling).
     */
    long line() {
        return line;
    }

    long column() {
        return columnAtFill + 1;
    }

    /** The next record, skipping blank lines; {@code null} at the end of the input. */
    RawRecord next() throws IOException {
        RawRecord raw;
        do {
            raw = scan();
        } while (raw != null && raw.problem() == null && isBlankLine(raw.text()));
        headerRead = true;
        return raw;
    }

    /**
     * After the header, a line that trimming leaves with nothing, neither more nor less: so a line
     * of U+2028 is a row (values keep U+2028), a line of NULs is not. Before the header, the rule
     * it always had (Java's isBlank): a first line of U+0001 is no blank line to skip but a header
     * without names, which stops the file.
     */
    private boolean isBlankLine(String text) {
        return headerRead ? isTrimmedAway(text) : text.isBlank();
    }

    private RawRecord scan() throws IOException {
        record.setLength(0);
        long startLine = line;
        int firstLineEnd = -1;
        String problem = null;
        quoted = false;
        State state = State.FIELD_START;
        int pos = position;
        int segment =
                pos; // buffer[segment..pos) belongs to the record but is not yet copied into it
        while (true) {
            if (pos == limit) {
                record.append(buffer, segment, pos - segment);
                position = pos;
                if (!fill()) {
                    if (state == State.QUOTED) {
                        return unclosedQuote(startLine, firstLineEnd);
                    }
                    return record.length() == 0 && problem == null
                            ? null
                            : finish(startLine, problem);
                }
                pos = position;
                segment = pos;
                continue;
            }
            char c = buffer[pos++];
            if (c == '\n') {
                line++;
                if (state != State.QUOTED) {
                    record.append(buffer, segment, pos - 1 - segment);
                    position = pos;
                    return finish(startLine, problem);
                }
                if (firstLineEnd < 0) {
                    firstLineEnd = record.length() + (pos - 1 - segment);
                }
            }
            if (record.length() + (pos - segment) > maxRecordChars) {
                record.append(buffer, segment, pos - segment);
                position = pos;
                if (state == State.QUOTED && firstLineEnd >= 0) {
                    return unclosedQuote(startLine, firstLineEnd);
                }
                return state == State.FIELD_START && isTrimmedAway(record)
                        ? skipOverlongBlanks(startLine)
                        : skipOverlongLine(startLine);
            }
            switch (state) {
                case FIELD_START -> {
                    if (c == '"') {
                        state = State.QUOTED;
                        quoted = true;
                    } else if (c != ',' && !isTrimmed(c)) {
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
                    } else if (isTrimmed(c)) {
                        state = State.AFTER_QUOTE;
                    } else if (firstLineEnd >= 0) {
                        record.append(buffer, segment, pos - segment);
                        position = pos;
                        return unclosedQuote(startLine, firstLineEnd);
                    } else {
                        if (problem == null) {
                            problem = "unexpected character '" + c + "' after a closing quote";
                        }
                        state = State.UNQUOTED;
                    }
                }
            }
        }
    }

    private RawRecord finish(long startLine, String problem) {
        int length = record.length();
        if (length > 0 && record.charAt(length - 1) == '\r') {
            record.setLength(length - 1);
        }
        return new RawRecord(record.append('\n').toString(), startLine, problem, quoted);
    }

    /** Rejects the first line of the record and queues the lines after it to be read again. */
    private RawRecord unclosedQuote(long startLine, int firstLineEnd) {
        if (firstLineEnd < 0) {
            return finish(startLine, "unclosed quote");
        }
        unread(record.substring(firstLineEnd + 1));
        line = startLine + 1;
        record.setLength(firstLineEnd);
        return finish(startLine, "unclosed quote (the quoted value never ends)");
    }

    private RawRecord skipOverlongLine(long startLine) throws IOException {
        record.setLength(Math.min(record.length(), 200));
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            if (buffer[position++] == '\n') {
                line++;
                break;
            }
        }
        return finish(startLine, "record longer than " + maxRecordChars + " characters");
    }

    /**
     * A blank line is skipped however long it is; blanks that go on into content make an overlong
     * line.
     */
    private RawRecord skipOverlongBlanks(long startLine) throws IOException {
        while (position < limit || fill()) {
            char c = buffer[position];
            if (!isTrimmed(c)) { // '\n' included
                return skipOverlongLine(startLine);
            }
            position++;
            if (c == '\n') {
                line++;
                break;
            }
        }
        record.setLength(0);
        return finish(startLine, null); // blank: next() passes over it
    }

    private static boolean isTrimmedAway(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isTrimmed(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Puts {@code text} in front of what is left of the buffer, to be scanned again. */
    private void unread(String text) {
        int remaining = limit - position;
        char[] merged = new char[Math.max(text.length() + remaining, BUFFER_SIZE)];
        text.getChars(0, text.length(), merged, 0);
        System.arraycopy(buffer, position, merged, text.length(), remaining);
        buffer = merged;
        position = 0;
        limit = text.length() + remaining;
    }

    /** Refills the exhausted buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        columnAtFill = columnAfter(limit);
        if (buffer.length != BUFFER_SIZE) {
            buffer = new char[BUFFER_SIZE]; // back to normal size after text was read again
        }
        position = 0;
        while (true) {
            limit = Math.max(in.read(buffer, 0, buffer.length), 0);
            if (!crLineEnds || limit == 0) {
                return limit > 0;
            }
            limit = translateLineEnds(0, limit);
            if (limit > 0) {
                return true;
            }
            // the buffer held only the LF of a CRLF: read on
        }
    }

    /** Column reached after buffer[0..end): only the tail after the last line break counts. */
    private long columnAfter(int end) {
        for (int i = end - 1; i >= 0; i--) {
            if (buffer[i] == '\n') {
                return end - 1 - i;
            }
        }
        return columnAtFill + end;
    }

    /**
     * What may come before the header (with BOMs); not the trimming rule, so that a header of
     * U+0001 is refused.
     */
    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    /**
     * What univocity trims around a value: every character up to the space, NUL and the other
     * control characters included. Before a quote and after a closing quote the splitter must
     * follow exactly this rule, for it decides where a quoted value, and so the record, ends: had
     * the splitter taken U+0001 before a quote as content while univocity trimmed it and opened the
     * quote, the two would cut the record at different line breaks.
     */
    private static boolean isTrimmed(int c) {
        return c <= ' ';
    }
}
