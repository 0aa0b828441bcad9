package com.partnerpipeline.app.redis;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of jobs to look at: a Redis Stream read through a consumer group, so a message stays
 * pending until a worker acknowledges it, and one left by a dead worker is claimed by another. A
 * message only says "look at job X": whether X is still to be done is decided by the database.
 */
public final class JobQueue {
    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
    private static final String GROUP = "workers";
    private static final String FIELD = "job";

    /** A message of the queue. */
    public record Message(StreamMessageId id, UUID jobId) {}

    private final RStream<String, String> stream;

    public JobQueue(RedissonClient redis, String keyPrefix) {
        this.stream = redis.getStream(keyPrefix + ":jobs", StringCodec.INSTANCE);
    }

    public void enqueue(UUID jobId) {
        stream.add(StreamAddArgs.entry(FIELD, jobId.toString()));
    }

    /**
     * Creates the consumer group (and the stream) unless they exist. The group starts at the
     * beginning of the stream, so jobs uploaded before any worker ever ran are delivered too.
     */
    public void ensureGroup() {
        try {
            stream.createGroup(
                    StreamCreateGroupArgs.name(GROUP).id(StreamMessageId.ALL).makeStream());
        } catch (RedisException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /**
     * The next message for {@code consumer}: first one another consumer left unacknowledged for
     * longer than {@code abandonedAfter}, else a new one, waiting up to {@code wait} for it.
     */
    public Optional<Message> take(String consumer, Duration abandonedAfter, Duration wait) {
        try {
            return read(consumer, abandonedAfter, wait);
        } catch (RedisException e) {
            if (!isNoGroup(e)) {
                throw e;
            }
            // Redis lost the stream (a restart without persistence): the sweep queues the jobs
            // again into a new one
            LOG.warn("The job queue or its consumer group is gone; creating them again");
            ensureGroup();
            return read(consumer, abandonedAfter, wait);
        }
    }

    private static boolean isNoGroup(RedisException e) {
        return e.getMessage() != null && e.getMessage().contains("NOGROUP");
    }

    private Optional<Message> read(String consumer, Duration abandonedAfter, Duration wait) {
        AutoClaimResult<String, String> claimed =
                stream.autoClaim(
                        GROUP,
                        consumer,
                        abandonedAfter.toMillis(),
                        TimeUnit.MILLISECONDS,
                        StreamMessageId.MIN,
                        1);
        Map<StreamMessageId, Map<String, String>> messages = claimed.getMessages();
        if (messages.isEmpty()) {
            messages =
                    stream.readGroup(
                            GROUP,
                            consumer,
                            StreamReadGroupArgs.neverDelivered().count(1).timeout(wait));
        }
        for (Map.Entry<StreamMessageId, Map<String, String>> message : messages.entrySet()) {
            try {
                return Optional.of(
                        new Message(
                                message.getKey(), UUID.fromString(message.getValue().get(FIELD))));
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.warn(
                        "Dropping queue message {} that names no job: {}",
                        message.getKey(),
                        message.getValue());
                done(message.getKey());
            }
        }
        return Optional.empty();
    }

    /** Acknowledges and deletes a message, so the stream does not grow. */
    public void done(StreamMessageId id) {
        stream.ack(GROUP, id);
        stream.remove(id);
    }

    public long length() {
        return stream.size();
    }

    /** How full the queue is, for the operator's gauges. */
    public record Depth(long length, long claimed) {
        /** Messages no worker has taken yet. */
        public long waiting() {
            return Math.max(0, length - claimed);
        }
    }

    public Depth depth() {
        long length = stream.size();
        if (length == 0) {
            return new Depth(0, 0);
        }
        try {
            return new Depth(length, stream.getPendingInfo(GROUP).getTotal());
        } catch (RedisException e) {
            if (isNoGroup(e)) {
                return new Depth(length, 0); // no worker has ever run: nothing is claimed
            }
            throw e;
        }
    }
}
