package com.partnerpipeline.app.domain;

import java.util.UUID;

/** Where a new or retried job is queued for the workers. */
@FunctionalInterface
public interface JobEnqueuer {
    /**
     * Queues nothing: for a one-off run in the operator's own process, with no Redis and no
     * workers.
     */
    JobEnqueuer NONE = jobId -> {};

    /**
     * Must return at once; a job that could not be queued stays PENDING, and the workers' sweep
     * queues it.
     */
    void enqueue(UUID jobId);
}
