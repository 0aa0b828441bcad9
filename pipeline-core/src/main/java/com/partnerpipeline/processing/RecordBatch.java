package com.partnerpipeline.processing;

import java.util.List;

/**
 * A run of consecutive records handed to a sink at once: the valid ones and the rejected ones among
 * them. A sink that stores a batch atomically can resume a file after {@code lastRecordIndex}
 * without losing or repeating one.
 *
 * @param lastRecordIndex index of the last record the batch covers
 * @param bytesConsumed bytes of the file read when the batch was closed
 */
public record RecordBatch(
        List<ValidRecord> valid,
        List<RejectedRecord> rejected,
        long lastRecordIndex,
        long bytesConsumed) {
    public RecordBatch {
        valid = List.copyOf(valid);
        rejected = List.copyOf(rejected);
    }
}
