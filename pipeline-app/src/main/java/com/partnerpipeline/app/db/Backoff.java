package com.partnerpipeline.app.db;

import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries an action on infrastructure failures, waiting 100 ms, 200 ms, 400 ms... (at most 5 s) up
 * to a total limit.
 */
public final class Backoff {
    private static final Logger LOG = LoggerFactory.getLogger(Backoff.class);

    private final Duration limit;
    private final Predicate<RuntimeException> retryable;

    public Backoff(Duration limit, Predicate<RuntimeException> retryable) {
        this.limit = limit;
        this.retryable = retryable;
    }

    /**
     * @param action given the attempt number, from 1
     */
    public <T> T run(String what, IntFunction<T> action) {
        long deadline = System.nanoTime() + limit.toNanos();
        long waitMillis = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.apply(attempt);
            } catch (RuntimeException e) {
                if (!retryable.test(e) || System.nanoTime() + waitMillis * 1_000_000 > deadline) {
                    throw e;
                }
                LOG.warn(
                        "{} failed (attempt {}), retrying in {} ms: {}",
                        what,
                        attempt,
                        waitMillis,
                        e.getMessage());
                sleep(waitMillis);
                waitMillis = Math.min(waitMillis * 2, 5_000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
