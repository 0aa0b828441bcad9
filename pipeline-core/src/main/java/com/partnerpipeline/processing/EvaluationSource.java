package com.partnerpipeline.processing;

import com.partnerpipeline.formats.UnreadableFileException;

/** The evaluated records of a file, in file order: what the processing loop consumes. */
interface EvaluationSource extends AutoCloseable {
    /** The next evaluated record, or null at the end of the file. */
    Evaluation next() throws UnreadableFileException;

    /** Bytes of the file behind the records returned so far (or a little ahead: readers buffer). */
    long bytesConsumed();

    @Override
    void close();
}
