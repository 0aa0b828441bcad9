package com.partnerpipeline.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;

/** Reads a JSON file whose top level is an array of objects, one record per element. */
final class JsonArrayReader implements RecordReader {
    private final CountingInputStream counter;
    private final JsonParser parser;
    private final JsonTreeBuilder builder;
    private final ReaderLimits limits;
    private final LeadingWhitespace skipped;
    private long nextIndex;
    private boolean finished;

    JsonArrayReader(LeadingWhitespace skipped, CountingInputStream counter, ReaderLimits limits)
            throws UnreadableFileException {
        this.counter = counter;
        this.skipped = skipped;
        this.limits = limits;
        this.builder = new JsonTreeBuilder(limits);
        JsonFactory factory = JsonSupport.factory(limits);
        try {
            this.parser = factory.createParser(skipped.rest());
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw fatal("expected the file to start with '['", null);
            }
        } catch (IOException e) {
            throw fatal(JsonSupport.reason(e, limits), e);
        }
    }

    @Override
    public ReadItem next() throws UnreadableFileException {
        if (finished) {
            return null;
        }
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                finished = true;
                if (parser.nextToken() != null) {
                    throw fatal("unexpected content after the closing ']'", null);
                }
                return null;
            }
            if (token == null) {
                throw fatal(
                        "unexpected end of file (truncated JSON): the array is not closed", null);
            }
            long line = skipped.line(parser.currentTokenLocation().getLineNr());
            long index = nextIndex;
            if (token != JsonToken.START_OBJECT) {
                String text =
                        token.isScalarValue() ? parser.getText() : JsonTreeBuilder.describe(token);
                parser.skipChildren();
                nextIndex++;
                return new MalformedRecord(
                        index,
                        line,
                        "expected a JSON object, found " + JsonTreeBuilder.describe(token),
                        text);
            }
            Map<String, Object> fields = builder.readRecord(parser);
            nextIndex++;
            if (fields == null) {
                return new MalformedRecord(index, line, builder.rejectionReason(), "");
            }
            return new TreeRecord(index, line, fields);
        } catch (IOException e) {
            throw fatal(JsonSupport.reason(e, limits), e);
        }
    }

    private UnreadableFileException fatal(String reason, IOException cause) {
        finished = true;
        JsonLocation at =
                cause != null
                        ? JsonSupport.location(cause)
                        : parser == null ? JsonLocation.NA : parser.currentLocation();
        return new UnreadableFileException(
                reason,
                nextIndex,
                Math.max(skipped.line(at.getLineNr()), 0),
                Math.max(skipped.column(at.getLineNr(), at.getColumnNr()), 0),
                cause);
    }

    @Override
    public long bytesConsumed() {
        return counter.count();
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        counter.close();
    }
}
