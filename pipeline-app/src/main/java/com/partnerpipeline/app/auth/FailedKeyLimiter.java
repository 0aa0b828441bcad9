package com.partnerpipeline.app.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed API keys per client address in fixed windows. An address with {@code maxFailures} failures in its
 * current window is refused until the window ends: keys are far too long to guess, so this is less about guessing
 * than about one misbehaving client filling the logs and keeping the database busy.
 */
public final class FailedKeyLimiter {
    /** Addresses tracked at once; past this, expired windows are dropped first, and a flood of new addresses is not tracked. */
    static final int MAX_TRACKED = 100_000;

    private record Window(long startMillis, int failures) {
    }

    private final int maxFailures;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public FailedKeyLimiter(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Seconds until {@code address} may try again, if it is refused now. */
    public OptionalLong refusedFor(String address) {
        Window window = windows.get(address);
        long now = clock.millis();
        if (window == null || window.failures() < maxFailures || now - window.startMillis() >= windowMillis) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (window.startMillis() + windowMillis - now + 999) / 1000));
    }

    /** Counts a failure; returns the failures of {@code address} in its current window. */
    public int failed(String address) {
        long now = clock.millis();
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(window -> now - window.startMillis() >= windowMillis);
            if (windows.size() >= MAX_TRACKED && !windows.containsKey(address)) {
                return 1;
            }
        }
        return windows.compute(address, (key, window) -> window == null || now - window.startMillis() >= windowMillis
                ? new Window(now, 1) : new Window(window.startMillis(), window.failures() + 1)).failures();
    }

    public int maxFailures() {
        return maxFailures;
    }
}
