package com.partnerpipeline.app.db;

import java.util.UUID;

/**
 * The job is no longer this worker's to write: it was cancelled, or another worker took it over.
 */
public final class JobLostException extends RuntimeException {
    public JobLostException(UUID jobId) {
        super("job " + jobId + " is no longer held by this worker", null, false, false);
    }
}
