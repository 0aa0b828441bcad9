package com.partnerpipeline.app.redis;

import com.partnerpipeline.app.domain.CancelSignals;
import com.partnerpipeline.app.domain.Ids;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancel signals over Redis pub/sub: the API publishes a job id, and whichever worker runs that job
 * raises its flag, which the processing loop polls before every record. The database status stays
 * the truth: a worker that missed the signal finds out at its next batch or heartbeat.
 */
public final class JobCancellations implements CancelSignals {
    private static final Logger LOG = LoggerFactory.getLogger(JobCancellations.class);

    private final RTopic topic;
    private final Map<UUID, AtomicBoolean> running = new ConcurrentHashMap<>();
    private Integer listenerId;

    public JobCancellations(RedissonClient redis, String keyPrefix) {
        this.topic = redis.getTopic(keyPrefix + ":cancel", StringCodec.INSTANCE);
    }

    /**
     * Signals the workers without waiting for Redis; a lost signal is made up for by the database
     * status.
     */
    @Override
    public void publish(UUID jobId) {
        try {
            topic.publishAsync(jobId.toString())
                    .whenComplete(
                            (receivers, failure) -> {
                                if (failure != null) {
                                    LOG.warn(
                                            "Could not signal the cancel of {} to workers: {}",
                                            jobId,
                                            failure.getMessage());
                                }
                            });
        } catch (RuntimeException e) {
            LOG.warn("Could not signal the cancel of {} to workers: {}", jobId, e.getMessage());
        }
    }

    /** Starts listening; only workers do. */
    public synchronized void listen() {
        if (listenerId == null) {
            listenerId =
                    topic.addListener(
                            String.class,
                            (channel, jobId) ->
                                    Ids.parse(jobId)
                                            .map(running::get)
                                            .ifPresent(flag -> flag.set(true)));
        }
    }

    public synchronized void stopListening() {
        if (listenerId != null) {
            topic.removeListener(listenerId);
            listenerId = null;
        }
    }

    @Override
    public AtomicBoolean watch(UUID jobId) {
        return running.computeIfAbsent(jobId, id -> new AtomicBoolean());
    }

    @Override
    public void forget(UUID jobId) {
        running.remove(jobId);
    }
}
