package com.partnerpipeline.formats;

import com.partnerpipeline.testing.PartnerMessages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every reader promises whatever its input, checked by the fuzz tests and the property tests:
 * it yields records numbered 0, 1, 2... in order, each within the limits or rejected as malformed
 * with a reason; it throws nothing but {@link UnreadableFileException}, whose message is fit for a
 * partner and names the next record; and at the end of the input it has consumed every byte.
 * Anything else it throws goes through to the caller: a finding.
 */
final class ReaderInvariants {
    /** Limits small enough that short generated inputs hit every one of them. */
    static final ReaderLimits SMALL = new ReaderLimits(32, 256, 6, 12);

    /**
     * The readers under test. JSON is opened as the pipeline opens it, an array or JSON Lines by
     * its first character; JSON_LINES directly, so that every input reaches the line reader.
     */
    enum Format {
        CSV,
        JSON,
        JSON_LINES,
        XML;

        RecordReader open(byte[] content, ReaderLimits limits) throws UnreadableFileException {
            InputStream in = new ByteArrayInputStream(content);
            return switch (this) {
                case CSV -> FileFormat.CSV.open(in, limits);
                case JSON -> FileFormat.JSON.open(in, limits);
                case JSON_LINES -> {
                    CountingInputStream counter = new CountingInputStream(in);
                    try {
                        yield new JsonLinesReader(LeadingWhitespace.skip(counter), counter, limits);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e); // from a byte array: never
                    }
                }
                case XML -> FileFormat.XML.open(in, limits);
            };
        }
    }

    /** How a read ended. */
    record Outcome(List<ReadItem> items, UnreadableFileException error) {
        long malformed() {
            return items.stream().filter(MalformedRecord.class::isInstance).count();
        }
    }

    private ReaderInvariants() {}

    /**
     * Reads {@code content} to its end or to the reader's error, checking every promise on the way.
     */
    static Outcome read(Format format, byte[] content, ReaderLimits limits) throws IOException {
        List<ReadItem> items = new ArrayList<>();
        String text = new String(content, StandardCharsets.UTF_8);
        RecordReader reader;
        try {
            reader = format.open(content, limits);
        } catch (UnreadableFileException e) {
            checkError(e, 0, text);
            return new Outcome(items, e);
        }
        try (reader) {
            ReadItem item;
            while ((item = reader.next()) != null) {
                check(item, items.size(), limits, text);
                items.add(item);
            }
            if (reader.bytesConsumed() != content.length) {
                throw new AssertionError(
                        "at the end the reader consumed "
                                + reader.bytesConsumed()
                                + " of "
                                + content.length
                                + " bytes");
            }
            if (reader.next() != null) {
                throw new AssertionError("a record after the end");
            }
            return new Outcome(items, null);
        } catch (UnreadableFileException e) {
            checkError(e, items.size(), text);
            return new Outcome(items, e);
        }
    }

    private static void checkError(UnreadableFileException e, long recordsBefore, String input) {
        if (e.reason() == null || e.reason().isBlank()) {
            throw new AssertionError("an error with no reason: " + e.getMessage());
        }
        PartnerMessages.assertClean("the reader's error", e.getMessage(), input);
        if (e.recordIndex() != recordsBefore) {
            throw new AssertionError(
                    "the error names record "
                            + e.recordIndex()
                            + " after "
                            + recordsBefore
                            + " records: "
                            + e.getMessage());
        }
    }

    private static void check(
            ReadItem item, long expectedIndex, ReaderLimits limits, String input) {
        if (item.index() != expectedIndex) {
            throw new AssertionError(
                    "record " + item.index() + " where " + expectedIndex + " was next");
        }
        if (item.lineNumber() < 0) {
            throw new AssertionError("line " + item.lineNumber());
        }
        if (item instanceof MalformedRecord malformed) {
            if (malformed.reason() == null || malformed.reason().isBlank()) {
                throw new AssertionError("a malformed record with no reason");
            }
            PartnerMessages.assertClean("a malformed record's reason", malformed.reason(), input);
            if (malformed.rawText() == null) {
                throw new AssertionError("a malformed record with no text");
            }
            return;
        }
        if (item instanceof CsvRecord csv) {
            checkCsv(csv, limits);
        } else if (item instanceof TreeRecord tree) {
            Count count = new Count();
            int depth = walk(tree.fields(), limits, count);
            if (depth > limits.maxDepth()) {
                throw new AssertionError(
                        "a record " + depth + " levels deep; the limit is " + limits.maxDepth());
            }
            if (count.leaves > limits.maxFields()) {
                throw new AssertionError(
                        "a record of "
                                + count.leaves
                                + " values; the limit is "
                                + limits.maxFields());
            }
            if (count.chars > limits.maxRecordChars()) {
                throw new AssertionError(
                        "a record of "
                                + count.chars
                                + " characters; the limit is "
                                + limits.maxRecordChars());
            }
        } else {
            throw new AssertionError("an unknown kind of record: " + item.getClass());
        }
    }

    private static void checkCsv(CsvRecord csv, ReaderLimits limits) {
        if (csv.values().length != csv.header().size()) {
            throw new AssertionError(
                    csv.values().length + " values under " + csv.header().size() + " columns");
        }
        if (csv.values().length > limits.maxFields()) {
            throw new AssertionError(
                    "a row of "
                            + csv.values().length
                            + " columns; the limit is "
                            + limits.maxFields());
        }
        for (String value : csv.values()) {
            if (value == null || value.length() > limits.maxFieldChars()) {
                throw new AssertionError(
                        "a value of "
                                + (value == null ? "null" : value.length() + " characters")
                                + "; the limit is "
                                + limits.maxFieldChars());
            }
        }
        if (csv.rawLine().length() > limits.maxRecordChars()) {
            throw new AssertionError(
                    "a row of "
                            + csv.rawLine().length()
                            + " characters; the limit is "
                            + limits.maxRecordChars());
        }
    }

    private static final class Count {
        long leaves;
        long chars;
    }

    /**
     * Counts leaves and their characters, checks each string against the field limit, returns the
     * depth.
     */
    private static int walk(Object node, ReaderLimits limits, Count count) {
        if (node instanceof Map<?, ?> map) {
            int deepest = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = (String) entry.getKey();
                count.chars +=
                        TreeRecord.TEXT_KEY.equals(key)
                                ? 0
                                : key.length(); // the reader's own key, not input
                deepest = Math.max(deepest, walk(entry.getValue(), limits, count));
            }
            return deepest + 1;
        }
        if (node instanceof List<?> list) {
            int deepest = 0;
            for (Object element : list) {
                deepest = Math.max(deepest, walk(element, limits, count));
            }
            return deepest + 1;
        }
        count.leaves++;
        if (node instanceof String text) {
            if (text.length() > limits.maxFieldChars()) {
                throw new AssertionError(
                        "a value of "
                                + text.length()
                                + " characters; the limit is "
                                + limits.maxFieldChars());
            }
            count.chars += text.length();
        }
        return 0;
    }
}
