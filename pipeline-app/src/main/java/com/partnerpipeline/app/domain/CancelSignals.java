package com.partnerpipeline.app.domain;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/** Where a running job learns that it was cancelled. */
public interface CancelSignals {
    /** Never raised: for a one-off run with no Redis, where the database status is the only signal. */
    CancelSignals NONE = new CancelSignals() {
        @Override
        public AtomicBoolean watch(UUID jobId) {
            return new AtomicBoolean();
        }

        @Override
        public void forget(UUID jobId) {
        }
    };

    /** The flag a cancel of {@code jobId} raises, until {@link #forget}. */
    AtomicBoolean watch(UUID jobId);

    void forget(UUID jobId);
}
