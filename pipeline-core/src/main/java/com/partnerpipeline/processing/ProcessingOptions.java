package com.partnerpipeline.processing;

/**
 * @param batchSize     valid records per batch (a batch also closes when it holds this many rejected records)
 * @param resumeAtIndex records before this index were stored by an earlier run and are read past, not processed again
 */
public record ProcessingOptions(int batchSize, long resumeAtIndex) {
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final ProcessingOptions DEFAULTS = new ProcessingOptions(DEFAULT_BATCH_SIZE, 0);

    public ProcessingOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (resumeAtIndex < 0) {
            throw new IllegalArgumentException("resume index must not be negative, was " + resumeAtIndex);
        }
    }

    public static ProcessingOptions withBatchSize(int batchSize) {
        return new ProcessingOptions(batchSize, 0);
    }
}
