package com.partnerpipeline.app.domain;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a cancel reaches the worker running the job: the API raises the signal, the running job
 * watches for it.
 */
public interface CancelSignals {
    /**
     * Never raised: for a one-off run with no Redis, where the database status is the only signal.
     */
    CancelSignals NONE =
            new CancelSignals() {
                @Override
                public void publish(UUID jobId) {}

                @Override
                public AtomicBoolean watch(UUID jobId) {
                    return new AtomicBoolean();
                }

                @Override
                public void forget(UUID jobId) {}
            };

    /**
     * Tells every worker that {@code jobId} was cancelled, without waiting; the database status is
     * the truth.
     */
    void publish(UUID jobId);

    /** The flag a cancel of {@code jobId} raises, until {@link #forget}. */
    AtomicBoolean watch(UUID jobId);

    void forget(UUID jobId);
}
