package com.partnerpipeline.formats;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads CSV: the first row names the columns; RFC 4180 quoting; values trimmed; a UTF-8 BOM
 * skipped; lines end in LF or CRLF, or in lone CRs when the header's does; invalid UTF-8 stops the
 * file. {@link CsvRecordSplitter} delimits records so that a broken row costs only that row;
 * univocity parses the values of every row that contains quoting, and {@link PlainCsvSplitter} the
 * rows that contain none.
 */
public final class CsvRecordReader implements RecordReader {
    private static final String CANNOT_READ = "the row cannot be read as CSV";

    private final CountingInputStream input;
    private final CsvRecordSplitter splitter;
    private final CsvParser parser;
    private final PlainCsvSplitter plainSplitter;
    private final CsvHeader header;
    private final ReaderLimits limits;
    private long nextIndex;

    public CsvRecordReader(InputStream in, ReaderLimits limits) throws UnreadableFileException {
        this.input = new CountingInputStream(in);
        this.limits = limits;
        this.parser = new CsvParser(settings(limits));
        startParser();
        this.plainSplitter = new PlainCsvSplitter(limits);
        try {
            this.splitter =
                    new CsvRecordSplitter(new StrictUtf8Reader(input), limits.maxRecordChars());
        } catch (IOException e) {
            throw new UnreadableFileException(describe(e), 0, 1, 1, e);
        }
        this.header = readHeader();
    }

    /**
     * The settings univocity reads with; package-private so that tests compare the reader with
     * univocity.
     */
    static CsvParserSettings settings(ReaderLimits limits) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        // univocity's default here is NUL, which it then takes for an escape character inside
        // quoted values that need
        // unescaping and drops ("a\0""" read as a"). The quote itself changes nothing else: "" is
        // already the escape.
        settings.getFormat().setCharToEscapeQuoteEscaping('"');
        settings.getFormat().setLineSeparator("\n");
        settings.setIgnoreLeadingWhitespaces(true);
        settings.setIgnoreTrailingWhitespaces(true);
        settings.setIgnoreLeadingWhitespacesInQuotes(true);
        settings.setIgnoreTrailingWhitespacesInQuotes(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setMaxCharsPerColumn(limits.maxFieldChars());
        settings.setMaxColumns(limits.maxFields());
        settings.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
        settings.setErrorContentLength(0); // keep file content out of exception messages
        settings.setCommentProcessingEnabled(false);
        return settings;
    }

    private CsvHeader readHeader() throws UnreadableFileException {
        CsvRecordSplitter.RawRecord raw = nextRaw();
        if (raw == null) {
            return new CsvHeader(List.of());
        }
        if (raw.problem() != null) {
            throw new UnreadableFileException(
                    "the header row is malformed: " + raw.problem(), 0, raw.lineNumber(), 0);
        }
        if (hasLoneCarriageReturn(raw.line())) {
            throw new UnreadableFileException(
                    "the header row contains a carriage return that does not end the line; "
                            + "lines must end in LF or CRLF, or all in lone CRs",
                    0,
                    raw.lineNumber(),
                    0);
        }
        String[] names;
        try {
            names = parseOneRecord(raw.text());
        } catch (TextParsingException e) {
            String reason =
                    tooManyColumns(e)
                            ? "the header row has " + LimitMessages.tooManyColumns(limits)
                            : "the header row is malformed: " + describe(e);
            throw new UnreadableFileException(reason, 0, raw.lineNumber(), 0);
        }
        if (names == null) { // univocity's answer for a row of control characters only ("\u0001")
            String reason =
                    raw.text().chars().allMatch(c -> c <= ' ')
                            ? "the header row has no column names"
                            : "the header row is malformed: " + CANNOT_READ;
            throw new UnreadableFileException(reason, 0, raw.lineNumber(), 0);
        }
        List<String> columns = new ArrayList<>(names.length);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (name.isEmpty()) {
                throw new UnreadableFileException(
                        "column " + (i + 1) + " of the header row has no name",
                        0,
                        raw.lineNumber(),
                        0);
            }
            if (!seen.add(name)) {
                throw new UnreadableFileException(
                        "the header row names column '" + name + "' twice", 0, raw.lineNumber(), 0);
            }
            columns.add(name);
        }
        return new CsvHeader(columns);
    }

    /**
     * A CR with more of the row after it: the header of a file whose lines end in lone CRs, where
     * the splitter did not see the header's end in its first buffer (a header of more than 16 Ki
     * characters). Read as it stands, the whole file would be one header and no records: a file
     * silently dropped. So it stops, naming the line breaks.
     */
    private static boolean hasLoneCarriageReturn(String line) {
        boolean inQuotes = false;
        for (int i = 0; i < line.length() - 1; i++) {
            char c = line.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\r' && !inQuotes && line.charAt(i + 1) > ' ') {
                return true;
            }
        }
        return false;
    }

    public CsvHeader header() {
        return header;
    }

    @Override
    public ReadItem next() throws UnreadableFileException {
        CsvRecordSplitter.RawRecord raw = nextRaw();
        if (raw == null) {
            return null;
        }
        long index = nextIndex++;
        if (raw.problem() != null) {
            return new MalformedRecord(index, raw.lineNumber(), raw.problem(), raw.line());
        }
        String[] values;
        try {
            values = raw.quoted() ? parseOneRecord(raw.text()) : plainSplitter.split(raw.text());
        } catch (TextParsingException e) {
            return new MalformedRecord(index, raw.lineNumber(), describe(e), raw.line());
        } catch (PlainCsvSplitter.LimitExceeded e) {
            return new MalformedRecord(index, raw.lineNumber(), e.getMessage(), raw.line());
        }
        if (values == null) {
            return new MalformedRecord(index, raw.lineNumber(), CANNOT_READ, raw.line());
        }
        if (values.length != header.size()) {
            return new MalformedRecord(
                    index,
                    raw.lineNumber(),
                    "expected " + header.size() + " columns, found " + values.length,
                    raw.line());
        }
        return new CsvRecord(index, raw.lineNumber(), header, values, raw.text());
    }

    /**
     * univocity's values for one record, or null where univocity does not read {@code text} as
     * exactly one record.
     *
     * <p>The splitter and univocity follow the same rules, but should they ever disagree on where a
     * record ends, univocity would stop inside {@code text} and begin its next call at that offset
     * in the next record's text: that record would get values made of another record's text, or
     * none at all. Whether univocity read all of {@code text} is checked after each call, and a
     * parser that stopped short is restarted, so that a disagreement costs only the record in which
     * it arises.
     */
    String[] parseOneRecord(String text) {
        if (parser.getContext()
                .isStopped()) { // after a TextParsingException, or a record it read differently
            startParser();
        }
        long start = parser.getContext().currentChar();
        String[] values = parser.parseLine(text);
        if (values == null || parser.getContext().currentChar() - start != text.length()) {
            parser.stopParsing();
            return null;
        }
        return values;
    }

    /**
     * A univocity parser that starts (again) skips a BOM at the start of its first text: the
     * splitter decides about BOMs (those before the header are skipped, any other is content), so
     * univocity is started on a record of its own before it sees the file's.
     */
    private void startParser() {
        parser.parseLine("-\n");
    }

    private CsvRecordSplitter.RawRecord nextRaw() throws UnreadableFileException {
        try {
            return splitter.next();
        } catch (IOException e) {
            throw new UnreadableFileException(
                    describe(e), nextIndex, splitter.line(), splitter.column(), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "invalid UTF-8 byte sequence";
        }
        return ReadErrors.reason(e);
    }

    /**
     * univocity's messages start with the name of the exception it caught and go on with a dump of
     * its settings: nothing for a partner. Its limits are recognised and worded as ours; anything
     * else gets a plain sentence.
     */
    private String describe(TextParsingException e) {
        if (tooManyColumns(e)) {
            return LimitMessages.tooManyColumns(limits);
        }
        String message = e.getMessage();
        if (message != null && message.contains("exceeds the maximum number of characters")) {
            return LimitMessages.valueTooLong(limits);
        }
        return CANNOT_READ;
    }

    /**
     * univocity runs off the end of its column array: the column index it reports is past our
     * limit.
     */
    private boolean tooManyColumns(TextParsingException e) {
        return e.getCause() instanceof ArrayIndexOutOfBoundsException
                && e.getColumnIndex() >= limits.maxFields();
    }

    @Override
    public long bytesConsumed() {
        return input.count();
    }

    @Override
    public void close() throws IOException {
        parser.stopParsing();
        input.close();
    }
}
