package com.partnerpipeline.formats;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: read a whole (small) input into a list. */
final class Records {
    private Records() {}

    static List<ReadItem> readAll(FileFormat format, String content) throws Exception {
        return readAll(format, content.getBytes(StandardCharsets.UTF_8), ReaderLimits.DEFAULTS);
    }

    static List<ReadItem> readAll(FileFormat format, byte[] content, ReaderLimits limits)
            throws Exception {
        try (RecordReader reader = open(format, content, limits)) {
            List<ReadItem> items = new ArrayList<>();
            ReadItem item;
            while ((item = reader.next()) != null) {
                items.add(item);
            }
            return items;
        }
    }

    static RecordReader open(FileFormat format, byte[] content, ReaderLimits limits)
            throws Exception {
        return format.open(new ByteArrayInputStream(content), limits);
    }

    /** Reads until the reader fails, returning what came before and the failure. */
    static Failure readUntilFailure(FileFormat format, byte[] content) throws Exception {
        return readUntilFailure(format, content, ReaderLimits.DEFAULTS);
    }

    static Failure readUntilFailure(FileFormat format, byte[] content, ReaderLimits limits)
            throws Exception {
        List<ReadItem> items = new ArrayList<>();
        try (RecordReader reader = open(format, content, limits)) {
            while (true) {
                ReadItem item = reader.next();
                if (item == null) {
                    throw new AssertionError(
                            "expected the reader to fail, but it read "
                                    + items.size()
                                    + " records");
                }
                items.add(item);
            }
        } catch (UnreadableFileException e) {
            return new Failure(items, e);
        }
    }

    record Failure(List<ReadItem> before, UnreadableFileException error) {}

    static Object value(ReadItem item, String path) {
        return ((SourceRecord) item).get(FieldPath.of(path));
    }
}
