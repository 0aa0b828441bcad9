package com.partnerpipeline.formats;

import java.io.IOException;
import java.io.InputStream;

/** Opens the right reader for a file. */
public final class RecordReaders {
    private RecordReaders() {
    }

    public static RecordReader open(InputStream in, FileFormat format, ReaderLimits limits) throws UnreadableFileException {
        return switch (format) {
            case CSV -> new CsvRecordReader(in, limits);
            case JSON -> openJson(in, limits);
            case XML -> openXml(in, limits);
        };
    }

    /** A top-level '[' means an array of objects, anything else is read as JSON Lines. */
    private static RecordReader openJson(InputStream in, ReaderLimits limits) throws UnreadableFileException {
        CountingInputStream counter = new CountingInputStream(in);
        LeadingWhitespace skipped = skipLeadingWhitespace(counter);
        if (skipped.first() == '[') {
            return new JsonArrayReader(skipped, counter, limits);
        }
        return new JsonLinesReader(skipped, counter, limits);
    }

    /** Woodstox refuses whitespace before an XML declaration, which is no reason to refuse a partner's file. */
    private static RecordReader openXml(InputStream in, ReaderLimits limits) throws UnreadableFileException {
        CountingInputStream counter = new CountingInputStream(in);
        return new XmlRecordReader(skipLeadingWhitespace(counter), counter, limits);
    }

    private static LeadingWhitespace skipLeadingWhitespace(CountingInputStream counter) throws UnreadableFileException {
        try {
            return LeadingWhitespace.skip(counter);
        } catch (IOException e) {
            throw new UnreadableFileException(ReadErrors.reason(e), 0, 1, 0, e);
        }
    }
}
