package com.partnerpipeline.formats;

import java.io.InputStream;

/**
 * Kept only until pipeline-app's {@code JobRunner} calls {@link FileFormat#open} itself; then delete this class.
 *
 * @deprecated use {@code format.open(in, limits)}
 */
@Deprecated(forRemoval = true)
public final class RecordReaders {
    private RecordReaders() {
    }

    /** @deprecated use {@code format.open(in, limits)} */
    @Deprecated(forRemoval = true)
    public static RecordReader open(InputStream in, FileFormat format, ReaderLimits limits) throws UnreadableFileException {
        return format.open(in, limits);
    }
}
