package com.partnerpipeline.processing;

/**
 * @param batchSize     valid records per batch (a batch also closes when it holds this many rejected records)
 * @param resumeAtIndex records before this index were stored by an earlier run and are read past, not processed again
 * @param parallelism   threads that transform and validate; with 1, everything runs on the caller's thread, with
 *                      more, one further thread parses ahead
 */
public record ProcessingOptions(int batchSize, long resumeAtIndex, int parallelism) {
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final ProcessingOptions DEFAULTS = new ProcessingOptions(DEFAULT_BATCH_SIZE, 0, 1);

    public ProcessingOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (resumeAtIndex < 0) {
            throw new IllegalArgumentException("resume index must not be negative, was " + resumeAtIndex);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
    }

    /**
     * Options for one file on a machine of its own: batches of {@code batchSize}, every core busy. One evaluation
     * thread more than there are cores fills the gaps while threads wait on each other (measured with
     * bench/WarmThroughput.java: 3 threads beat 2 on 2 cores in 7 of 8 rounds).
     */
    public static ProcessingOptions allCores(int batchSize) {
        return new ProcessingOptions(batchSize, 0, Runtime.getRuntime().availableProcessors() + 1);
    }
}
