package com.partnerpipeline.app.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed API keys per client address in fixed windows. An address with {@code maxFailures}
 * failures in its current window is refused until the window ends: keys are far too long to guess,
 * so this is less about guessing than about one misbehaving client filling the logs and keeping the
 * database busy.
 */
public final class FailedKeyLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(FailedKeyLimiter.class);

    /**
     * Addresses tracked at once; past this, expired windows are dropped first, and a flood of new
     * addresses is not tracked.
     */
    private static final int MAX_TRACKED = 100_000;

    private record Window(long startMillis, int failures) {}

    private final int maxFailures;
    private final long windowMillis;
    private final Clock clock;
    private final int maxTracked;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public FailedKeyLimiter(int maxFailures, Duration window, Clock clock) {
        this(maxFailures, window, clock, MAX_TRACKED);
    }

    FailedKeyLimiter(int maxFailures, Duration window, Clock clock, int maxTracked) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.maxTracked = maxTracked;
    }

    /** Seconds until {@code address} may try again, if it is refused now. */
    public OptionalLong refusedFor(String address) {
        Window window = windows.get(address);
        long now = clock.millis();
        if (window == null
                || window.failures() < maxFailures
                || now - window.startMillis() >= windowMillis) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(
                Math.max(1, (window.startMillis() + windowMillis - now + 999) / 1000));
    }

    /** What a refused client is told. */
    public static String refusal(long seconds) {
        return "too many invalid API keys from this address; try again in " + seconds + " s";
    }

    /**
     * Counts and logs a failure (never the key: it may be another partner's, one character off).
     */
    public void failed(String address) {
        long now = clock.millis();
        if (windows.size() >= maxTracked) {
            windows.values().removeIf(window -> now - window.startMillis() >= windowMillis);
            if (windows.size() >= maxTracked && !windows.containsKey(address)) {
                LOG.warn("Invalid API key from {}", address);
                return;
            }
        }
        int count =
                windows.compute(
                                address,
                                (key, window) ->
                                        window == null || now - window.startMillis() >= windowMillis
                                                ? new Window(now, 1)
                                                : new Window(
                                                        window.startMillis(),
                                                        window.failures() + 1))
                        .failures();
        LOG.warn(
                "Invalid API key from {}: {} of {} allowed per {} s",
                address,
                count,
                maxFailures,
                windowMillis / 1000);
    }
}
