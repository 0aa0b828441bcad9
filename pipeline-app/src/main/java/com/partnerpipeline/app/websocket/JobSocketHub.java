package com.partnerpipeline.app.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobEvent;
import com.partnerpipeline.app.redis.JobEventTopics;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This API node's open job sockets, by job. A node listens to a job's Redis channel only while it
 * has a socket on that job, and forwards each event to those sockets. It pings every socket and
 * closes those that stopped answering, so clients that vanish without a close frame do not stay in
 * the map. Pub/sub delivers at most once, so at every ping round it also asks the database whether
 * a watched job has ended, and ends its sockets if so.
 */
public final class JobSocketHub {
    private static final Logger LOG = LoggerFactory.getLogger(JobSocketHub.class);
    private static final long DISCONNECT_AFTER_CLOSE_SECONDS = 5;

    /**
     * How often batched events are written out: the most an event waits, and at most that many
     * writes a second per socket.
     */
    static final long FLUSH_INTERVAL_MILLIS = 100;

    /**
     * An event as sent to the sockets, encoded once for all of them; {@code last} for the completed
     * event, after which they are closed.
     */
    record Broadcast(String text, ByteBuffer utf8, boolean last) {}

    /**
     * The sockets on one job and this node's subscription to its channel. Retired once empty, never
     * reused.
     */
    private static final class Watchers {
        final Set<JobSocket> sockets = ConcurrentHashMap.newKeySet();
        int listenerId;
        boolean retired;
    }

    private final JobEventTopics topics;
    private final JobDao jobs;
    private final ObjectMapper json;
    private final WebSocketConfiguration config;
    private final Map<UUID, Watchers> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    task -> {
                        Thread thread = new Thread(task, "websocket-keepalive");
                        thread.setDaemon(true);
                        return thread;
                    });

    public JobSocketHub(
            JobEventTopics topics, JobDao jobs, ObjectMapper json, WebSocketConfiguration config) {
        this.topics = topics;
        this.jobs = jobs;
        this.json = json;
        this.config = config;
    }

    /** Starts pinging; called once the server is up. */
    public void start() {
        long interval = config.getPingInterval().toMilliseconds();
        timer.scheduleWithFixedDelay(this::keepAlive, interval, interval, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::endEndedJobs, interval, interval, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                this::flush, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Closes every socket with 1001 and waits a moment for the close frames to go out. */
    public void stop() {
        List<JobSocket> all = sockets();
        all.forEach(socket -> socket.close(CloseCodes.GOING_AWAY, "server shutting down"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (sessions() > 0 && System.nanoTime() < deadline) {
            sleep();
        }
        timer.shutdownNow();
        if (!all.isEmpty()) {
            LOG.info("Closed {} job sockets", all.size());
        }
    }

    /**
     * Subscribes before the socket's snapshot is read; blocks until Redis confirms the first
     * socket's subscription.
     */
    void join(JobSocket socket) {
        while (true) {
            Watchers watchers = watched.computeIfAbsent(socket.jobId(), id -> new Watchers());
            synchronized (watchers) {
                if (watchers.retired) {
                    continue; // its last socket just left; a fresh one takes its place
                }
                if (watchers.sockets.isEmpty()) {
                    try {
                        watchers.listenerId =
                                topics.subscribe(
                                        socket.jobId(),
                                        (channel, message) ->
                                                forward(watchers, message, isCompleted(message)));
                    } catch (RuntimeException e) {
                        watchers.retired = true;
                        watched.remove(socket.jobId(), watchers);
                        throw e;
                    }
                }
                watchers.sockets.add(socket);
                return;
            }
        }
    }

    void leave(JobSocket socket) {
        Watchers watchers = watched.get(socket.jobId());
        if (watchers == null) {
            return;
        }
        synchronized (watchers) {
            if (watchers.sockets.remove(socket) && watchers.sockets.isEmpty()) {
                watchers.retired = true;
                watched.remove(socket.jobId(), watchers);
                topics.unsubscribeAsync(socket.jobId(), watchers.listenerId);
            }
        }
    }

    Job snapshot(UUID jobId) {
        return jobs.find(jobId)
                .orElseThrow(() -> new IllegalStateException("job " + jobId + " is gone"));
    }

    String encode(JobEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Open sockets on this node. */
    public int sessions() {
        return watched.values().stream().mapToInt(watchers -> watchers.sockets.size()).sum();
    }

    void disconnectLater(Session session) {
        try {
            timer.schedule(
                    () -> {
                        if (session.isOpen()) {
                            session.disconnect();
                        }
                    },
                    DISCONNECT_AFTER_CLOSE_SECONDS,
                    TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            session.disconnect(); // the timer is stopped: the server is going down
        }
    }

    private static void forward(Watchers watchers, String message, boolean last) {
        Broadcast event =
                new Broadcast(
                        message, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), last);
        for (JobSocket socket : watchers.sockets) {
            socket.deliver(event);
        }
    }

    private boolean isCompleted(String message) {
        try {
            return "completed".equals(json.readTree(message).path("type").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private void flush() {
        for (Watchers watchers : watched.values()) {
            for (JobSocket socket : watchers.sockets) {
                try {
                    socket.flush();
                } catch (RuntimeException e) {
                    LOG.debug("Flushing a socket failed: {}", e.getMessage());
                }
            }
        }
    }

    /**
     * One query per watched job, not per socket: a lost completed event delays the end by one ping
     * interval at most.
     */
    private void endEndedJobs() {
        for (Map.Entry<UUID, Watchers> job : watched.entrySet()) {
            try {
                jobs.find(job.getKey())
                        .filter(found -> found.status().isFinal())
                        .ifPresent(
                                ended ->
                                        forward(
                                                job.getValue(),
                                                encode(JobEvent.Completed.of(ended)),
                                                true));
            } catch (RuntimeException e) {
                LOG.debug("Could not check whether job {} ended: {}", job.getKey(), e.getMessage());
            }
        }
    }

    private void keepAlive() {
        long now = System.nanoTime();
        long silentAfter = config.getIdleTimeout().toNanoseconds();
        for (JobSocket socket : sockets()) {
            try {
                socket.keepAlive(now, silentAfter);
            } catch (RuntimeException e) {
                LOG.debug("Keep-alive of a socket failed: {}", e.getMessage());
            }
        }
    }

    private List<JobSocket> sockets() {
        List<JobSocket> all = new ArrayList<>();
        watched.values().forEach(watchers -> all.addAll(watchers.sockets));
        return all;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
