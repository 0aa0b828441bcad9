package com.partnerpipeline.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads JSON Lines: one object per line. Each line is parsed on its own, so a broken line is one
 * malformed record and reading goes on with the next line.
 */
final class JsonLinesReader implements RecordReader {
    private final InputStream in;
    private final CountingInputStream counter;
    private final JsonFactory factory;
    private final JsonTreeBuilder builder;
    private final ReaderLimits limits;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int lineLength;
    private boolean lineTooLong;

    /**
     * Whether an overlong line holds more than whitespace in the part of it not kept: if not, it is
     * a blank line.
     */
    private boolean droppedContent;

    private long lineNumber;
    private long nextIndex;

    JsonLinesReader(LeadingWhitespace skipped, CountingInputStream counter, ReaderLimits limits) {
        this.in = skipped.rest();
        this.lineNumber = skipped.lines();
        this.counter = counter;
        this.limits = limits;
        this.factory = JsonSupport.factory(limits);
        this.builder = new JsonTreeBuilder(limits);
        this.maxLineBytes = limits.maxRecordChars();
    }

    @Override
    public ReadItem next() throws UnreadableFileException {
        try {
            while (readLine()) {
                int start = 0;
                int end = lineLength;
                while (end > start && FileFormat.isWhitespace(line[end - 1])) {
                    end--;
                }
                while (start < end && FileFormat.isWhitespace(line[start])) {
                    start++;
                }
                if (start == end && !droppedContent) {
                    continue; // a blank line, however long
                }
                if (lineTooLong) {
                    return new MalformedRecord(
                            nextIndex++,
                            lineNumber,
                            "line longer than " + maxLineBytes + " bytes",
                            text(start, Math.min(end, start + 200)));
                }
                return parseLine(start, end);
            }
            return null;
        } catch (IOException e) {
            throw new UnreadableFileException(ReadErrors.reason(e), nextIndex, lineNumber, 0, e);
        }
    }

    private ReadItem parseLine(int start, int end) throws IOException {
        long index = nextIndex++;
        try (JsonParser parser = factory.createParser(line, start, end - start)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                return new MalformedRecord(
                        index,
                        lineNumber,
                        "expected a JSON object, found " + JsonTreeBuilder.describe(token),
                        text(start, end));
            }
            Map<String, Object> fields = builder.readRecord(parser);
            if (parser.nextToken() != null) {
                return new MalformedRecord(
                        index,
                        lineNumber,
                        "more than one JSON value on the line",
                        text(start, end));
            }
            if (fields == null) {
                return new MalformedRecord(
                        index, lineNumber, builder.rejectionReason(), text(start, end));
            }
            return new TreeRecord(index, lineNumber, fields);
        } catch (IOException e) {
            long column = JsonSupport.location(e).getColumnNr();
            String where = column > 0 ? " at column " + column : "";
            return new MalformedRecord(
                    index, lineNumber, JsonSupport.reason(e, limits) + where, text(start, end));
        }
    }

    /**
     * Fills {@link #line} with the next line (without its newline); false at the end of the input.
     */
    private boolean readLine() throws IOException {
        lineLength = 0;
        lineTooLong = false;
        droppedContent = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (any) {
                        lineNumber++;
                    }
                    return any;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            if (position < limit) {
                position++;
                lineNumber++;
                return true;
            }
        }
    }

    private void append(int start, int length) {
        if (lineTooLong || lineLength + length > maxLineBytes) {
            lineTooLong = true;
            int room = Math.max(Math.min(length, 200 - Math.min(lineLength, 200)), 0);
            droppedContent = droppedContent || !blank(start + room, start + length);
            length = room; // keep the start of an overlong line for the report, nothing more
        }
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, start, line, lineLength, length);
        lineLength += length;
    }

    private boolean blank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!FileFormat.isWhitespace(buffer[i])) {
                return false;
            }
        }
        return true;
    }

    private String text(int start, int end) {
        return new String(line, start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public long bytesConsumed() {
        return counter.count();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
