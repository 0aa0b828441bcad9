package com.partnerpipeline.app.db;

import java.util.UUID;

/**
 * The database's resume point for a job is not where this holder's next batch starts: PostgreSQL
 * crashed and lost batches it had acknowledged (they commit asynchronously). The run must resume
 * from what the database holds, so nothing is skipped and nothing is written twice.
 *
 * @param expected the last record index this holder had committed
 * @param stored the last record index the database holds
 */
public final class ResumePointMovedException extends RuntimeException {
    private final long expected;
    private final long stored;

    public ResumePointMovedException(UUID jobId, long expected, long stored) {
        super(
                "job "
                        + jobId
                        + ": the database holds records up to index "
                        + stored
                        + ", not "
                        + expected,
                null,
                false,
                false);
        this.expected = expected;
        this.stored = stored;
    }

    public long expected() {
        return expected;
    }

    public long stored() {
        return stored;
    }
}
