package com.partnerpipeline.app.resources;

import com.partnerpipeline.app.upload.UploadsInFlight;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What a stopping API server does before Jetty's graceful stop. Left to Jetty, a stop closes the
 * listening socket at once and, when the grace period ({@code server.shutdownGracePeriod}) ends,
 * closes every connection still open: an upload still arriving then gets no answer at all. Instead,
 * while uploads are under way, the server keeps taking connections and answers new uploads 503 with
 * Retry-After; the uploads arriving may finish until one second before the grace period ends, when
 * those still arriving are stopped and answered 503 too. Jetty's stop then gets what is left of the
 * grace period, so the whole stop takes no longer than configured.
 */
public final class ShutdownDrain implements LifeCycle.Listener {
    /**
     * Time kept at the end of the grace period to answer the uploads stopped: writing a small JSON
     * answer takes milliseconds.
     */
    private static final Duration ANSWER_TIME = Duration.ofSeconds(1);

    /**
     * Jetty's own graceful stop needs some time, or it closes the connections before the last
     * answers are out.
     */
    private static final Duration JETTY_STOP_AT_LEAST = Duration.ofMillis(500);

    private final UploadsInFlight uploads;
    private volatile boolean begun;

    public ShutdownDrain(UploadsInFlight uploads) {
        this.uploads = uploads;
    }

    @Override
    public void lifeCycleStopping(LifeCycle component) {
        if (!(component instanceof Server server)) {
            return;
        }
        begun = true;
        Duration grace = Duration.ofMillis(server.getStopTimeout());
        if (grace.isZero()) {
            return; // no graceful stop configured: Jetty closes everything at once, whatever is
            // done here
        }
        long start = System.nanoTime();
        Duration answerTime =
                grace.compareTo(ANSWER_TIME.multipliedBy(2)) < 0 ? grace.dividedBy(2) : ANSWER_TIME;
        try {
            uploads.drain(grace.minus(answerTime), grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration left = grace.minusNanos(System.nanoTime() - start);
        server.setStopTimeout(Math.max(left.toMillis(), JETTY_STOP_AT_LEAST.toMillis()));
    }

    /** Whether the server has begun to stop: health says so, for load balancers. */
    public boolean begun() {
        return begun;
    }
}
