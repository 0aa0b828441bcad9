package com.partnerpipeline.app.redis;

import com.partnerpipeline.app.domain.JobEnqueuer;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues jobs for the API without making a request wait for Redis: the answer to an upload does not
 * depend on Redis being fast, or there at all. A job that could not be queued stays PENDING, and
 * the workers' sweep queues it.
 */
public final class BackgroundEnqueuer implements JobEnqueuer {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundEnqueuer.class);

    private final JobQueue queue;
    private final Executor executor;

    /**
     * @param executor a bounded executor; what it rejects is left to the sweep
     */
    public BackgroundEnqueuer(JobQueue queue, Executor executor) {
        this.queue = queue;
        this.executor = executor;
    }

    @Override
    public void enqueue(UUID jobId) {
        try {
            executor.execute(
                    () -> {
                        try {
                            queue.enqueue(jobId);
                        } catch (RuntimeException e) {
                            LOG.warn(
                                    "Could not queue job {} now, the sweep will: {}",
                                    jobId,
                                    e.getMessage());
                        }
                    });
        } catch (RejectedExecutionException e) {
            LOG.warn("Too many jobs waiting to be queued; job {} is left to the sweep", jobId);
        }
    }
}
