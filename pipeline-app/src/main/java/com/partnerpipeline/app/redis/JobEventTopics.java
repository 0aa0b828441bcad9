package com.partnerpipeline.app.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.domain.JobEvent;
import com.partnerpipeline.app.domain.JobEventPublisher;
import java.util.UUID;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.MessageListener;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live job events over Redis pub/sub, one channel per job: workers (and the API, for a cancel)
 * publish, and each API node listens to a job's channel only while it has sockets open on that job.
 * Events are the JSON text sent to the sockets, serialized once by the publisher. Delivery is best
 * effort: the database stays the truth, and every socket starts from a snapshot of it.
 */
public final class JobEventTopics implements JobEventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(JobEventTopics.class);

    private final RedissonClient redis;
    private final String keyPrefix;
    private final ObjectMapper json;

    public JobEventTopics(RedissonClient redis, String keyPrefix, ObjectMapper json) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.json = json;
    }

    /**
     * Never waits for Redis, and never fails the caller: a lost event only delays a socket until
     * the next one.
     */
    @Override
    public void publish(JobEvent event) {
        try {
            topic(event.jobId())
                    .publishAsync(json.writeValueAsString(event))
                    .whenComplete(
                            (receivers, failure) -> {
                                if (failure != null) {
                                    LOG.debug(
                                            "Could not publish a {} event of {}: {}",
                                            event.type(),
                                            event.jobId(),
                                            failure.getMessage());
                                }
                            });
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug(
                    "Could not publish a {} event of {}: {}",
                    event.type(),
                    event.jobId(),
                    e.getMessage());
        }
    }

    /**
     * Returns once Redis confirmed the subscription, so no event published afterwards is missed.
     */
    public int subscribe(UUID jobId, MessageListener<String> listener) {
        return topic(jobId).addListener(String.class, listener);
    }

    /** Does not wait: a node must not stall its sockets while Redis is slow or away. */
    public void unsubscribeAsync(UUID jobId, int listenerId) {
        try {
            topic(jobId).removeListenerAsync(listenerId);
        } catch (RuntimeException e) {
            LOG.debug("Could not unsubscribe from the events of {}: {}", jobId, e.getMessage());
        }
    }

    private RTopic topic(UUID jobId) {
        return redis.getTopic(keyPrefix + ":job-events:" + jobId, StringCodec.INSTANCE);
    }
}
