package com.partnerpipeline.app.ops;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.domain.JobStatus;
import com.partnerpipeline.app.redis.JobQueue;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Gauges of the whole deployment, read from Redis and PostgreSQL when the metrics are read and
 * cached for a few seconds, so a scraper polling every node costs the services little.
 */
public final class ServiceGauges {
    private static final long CACHE_SECONDS = 5;

    private ServiceGauges() {}

    /**
     * {@code pipeline.queue.length}: messages in the queue; {@code pipeline.queue.claimed}: of
     * those, taken by a worker and not yet done (Redis's pending entries); {@code
     * pipeline.queue.waiting}: not yet taken by any worker.
     */
    public static void queue(MetricRegistry registry, JobQueue queue) {
        Gauge<JobQueue.Depth> depth = cached(queue::depth);
        registry.gauge("pipeline.queue.length", () -> () -> depth.getValue().length());
        registry.gauge("pipeline.queue.claimed", () -> () -> depth.getValue().claimed());
        registry.gauge("pipeline.queue.waiting", () -> () -> depth.getValue().waiting());
    }

    /**
     * {@code pipeline.jobs.pending|processing|completed|failed|cancelled}: jobs in each status, all
     * partners.
     */
    public static void jobs(MetricRegistry registry, JobDao jobs) {
        Gauge<Map<JobStatus, Long>> counts = cached(jobs::countByStatus);
        for (JobStatus status : JobStatus.values()) {
            registry.gauge(
                    "pipeline.jobs." + status.name().toLowerCase(Locale.ROOT),
                    () -> () -> counts.getValue().getOrDefault(status, 0L));
        }
    }

    /** {@code pipeline.websocket.sessions}: live-progress sockets open on this node. */
    public static void webSocketSessions(MetricRegistry registry, IntSupplier sessions) {
        registry.gauge("pipeline.websocket.sessions", () -> sessions::getAsInt);
    }

    /**
     * {@code pipeline.uploads.receiving}: uploads whose body is arriving at this node now (at most
     * uploads.maxConcurrent).
     */
    public static void uploadsReceiving(MetricRegistry registry, IntSupplier uploads) {
        registry.gauge("pipeline.uploads.receiving", () -> uploads::getAsInt);
    }

    private static <T> Gauge<T> cached(Supplier<T> read) {
        return new CachedGauge<>(CACHE_SECONDS, TimeUnit.SECONDS) {
            @Override
            protected T loadValue() {
                return read.get();
            }
        };
    }
}
