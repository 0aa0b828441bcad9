package com.partnerpipeline.formats;

import java.io.Closeable;

/** Streams the records of one file, one at a time, holding only the current record in memory. */
public interface RecordReader extends Closeable {
    /**
     * The next record, or {@code null} at the end of the file.
     *
     * @throws UnreadableFileException when the file cannot be read on past this point; every record
     *     returned before stays valid
     */
    ReadItem next() throws UnreadableFileException;

    /**
     * Bytes of the file consumed so far, for progress; equals the file size once {@link #next()}
     * returned null.
     */
    long bytesConsumed();
}
