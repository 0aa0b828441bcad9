package com.partnerpipeline.processing;

/**
 * Where processed records go: files for the offline command, PostgreSQL for the worker. A sink that
 * cannot store a batch throws; the loop stops and the caller decides whether to retry.
 */
@FunctionalInterface
public interface RecordSink {
    void write(RecordBatch batch);
}
