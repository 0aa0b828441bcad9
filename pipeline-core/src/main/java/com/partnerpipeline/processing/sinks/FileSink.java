package com.partnerpipeline.processing.sinks;

import com.partnerpipeline.processing.RecordBatch;
import com.partnerpipeline.processing.RecordSink;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A sink that writes a file: I/O failures surface as {@link UncheckedIOException}, and closing
 * flushes.
 */
public abstract class FileSink implements RecordSink, Closeable {
    @Override
    public final void write(RecordBatch batch) {
        try {
            writeBatch(batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected abstract void writeBatch(RecordBatch batch) throws IOException;
}
