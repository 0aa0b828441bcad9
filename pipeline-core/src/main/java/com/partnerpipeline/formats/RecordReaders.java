package com.partnerpipeline.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/** Opens the right reader for a file. */
public final class RecordReaders {
    private static final int SNIFF_LIMIT = 64 * 1024;

    private RecordReaders() {
    }

    public static RecordReader open(InputStream in, FileFormat format, ReaderLimits limits) throws UnreadableFileException {
        return switch (format) {
            case CSV -> new CsvRecordReader(in, limits);
            case JSON -> openJson(in, limits);
            case XML -> new XmlRecordReader(in, limits);
        };
    }

    /** A top-level '[' means an array of objects, anything else is read as JSON Lines. */
    private static RecordReader openJson(InputStream in, ReaderLimits limits) throws UnreadableFileException {
        CountingInputStream counter = new CountingInputStream(in);
        PushbackInputStream pushback = new PushbackInputStream(counter, SNIFF_LIMIT);
        byte[] head = new byte[SNIFF_LIMIT];
        int length = 0;
        try {
            int b;
            while (length < SNIFF_LIMIT && (b = pushback.read()) >= 0) {
                head[length++] = (byte) b;
                boolean byteOrderMark = length <= 3 && (b == 0xEF || b == 0xBB || b == 0xBF);
                if (!byteOrderMark && !FileFormat.isWhitespace(b)) {
                    break;
                }
            }
            pushback.unread(head, 0, length);
        } catch (IOException e) {
            throw new UnreadableFileException(ReadErrors.reason(e), 0, 1, 0, e);
        }
        if (length > 0 && head[length - 1] == '[') {
            return new JsonArrayReader(pushback, counter, limits);
        }
        return new JsonLinesReader(pushback, counter, limits);
    }
}
