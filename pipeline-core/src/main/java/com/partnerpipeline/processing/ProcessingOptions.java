package com.partnerpipeline.processing;

/**
 * @param batchSize valid records per batch (a batch also closes when it holds this many rejected
 *     records)
 * @param resumeAtIndex records before this index were stored by an earlier run and are read past,
 *     not processed again
 * @param parallelism threads that transform and validate; with 1, everything runs on the caller's
 *     thread, with more, one further thread parses ahead
 * @param resumedFrom what earlier runs of the same file counted, so error thresholds judge the
 *     whole file
 */
public record ProcessingOptions(
        int batchSize, long resumeAtIndex, int parallelism, ProcessingProgress resumedFrom) {
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final ProcessingProgress FRESH = new ProcessingProgress(0, 0, 0, 0, 0);
    public static final ProcessingOptions DEFAULTS =
            new ProcessingOptions(DEFAULT_BATCH_SIZE, 0, 1);

    /** A run from the start of the file. */
    public ProcessingOptions(int batchSize, long resumeAtIndex, int parallelism) {
        this(batchSize, resumeAtIndex, parallelism, FRESH);
    }

    public ProcessingOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (resumeAtIndex < 0) {
            throw new IllegalArgumentException(
                    "resume index must not be negative, was " + resumeAtIndex);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException(
                    "parallelism must be at least 1, was " + parallelism);
        }
        if (resumedFrom == null) {
            throw new IllegalArgumentException("resumedFrom must not be null; use FRESH");
        }
    }

    /**
     * Options for one file on a machine of its own: batches of {@code batchSize}, every core busy.
     * One evaluation thread more than there are cores fills the gaps while threads wait on each
     * other (measured with bench/WarmThroughput.java: 3 threads beat 2 on 2 cores in 7 of 8
     * rounds).
     */
    public static ProcessingOptions allCores(int batchSize) {
        return new ProcessingOptions(batchSize, 0, Runtime.getRuntime().availableProcessors() + 1);
    }
}
