package com.partnerpipeline.processing;

/** What became of one record: valid and typed, or rejected with its errors. */
public sealed interface Evaluation permits ValidRecord, RejectedRecord {
    long index();
}
