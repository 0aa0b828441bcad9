package com.partnerpipeline.app.websocket;

import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partner's socket on one job. On open it subscribes to the job's events, then sends the
 * database snapshot, then the events that arrived meanwhile, so nothing published after the
 * snapshot is missed. Every send is asynchronous: a client that lets messages pile up is dropped,
 * never waited for.
 */
public final class JobSocket implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(JobSocket.class);

    /**
     * Events kept while the snapshot is read; more are dropped, as the snapshot and the next
     * progress cover them.
     */
    private static final int MAX_EARLY_EVENTS = 64;

    private final UUID jobId;
    private final JobSocketHub hub;
    private volatile Session session;
    private volatile CoreSession frames;

    /** Frames batched since the hub last flushed this socket. */
    private volatile boolean unflushed;

    /**
     * For batched frames and flushes, which Jetty's core API completes with its own callback type.
     */
    private final org.eclipse.jetty.util.Callback dropIfFailed =
            org.eclipse.jetty.util.Callback.from(() -> {}, this::tooSlow);

    private volatile long lastHeardNanos = System.nanoTime();

    /** Events that arrived before the snapshot was sent; null once the socket is live. */
    private List<JobSocketHub.Broadcast> early = new ArrayList<>();

    private boolean ended;

    JobSocket(UUID jobId, JobSocketHub hub) {
        this.jobId = jobId;
        this.hub = hub;
    }

    UUID jobId() {
        return jobId;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.frames = ((WebSocketSession) session).getCoreSession();
        try {
            hub.join(this);
            goLive(hub.snapshot(jobId));
        } catch (RuntimeException e) {
            LOG.warn("Live progress of {} unavailable: {}", jobId, e.getMessage());
            close(
                    CloseCodes.SERVER_ERROR,
                    "live progress is unavailable right now; try again shortly");
        }
    }

    private synchronized void goLive(Job job) {
        send(hub.encode(JobEvent.Connected.of(job)));
        List<JobSocketHub.Broadcast> meanwhile = early;
        early = null;
        if (job.status().isFinal()) {
            end(hub.encode(JobEvent.Completed.of(job)));
            return;
        }
        meanwhile.forEach(this::deliver);
    }

    /** Called on Redis' threads: must never block. */
    synchronized void deliver(JobSocketHub.Broadcast event) {
        if (ended) {
            return;
        }
        if (early != null) {
            if (early.size() < MAX_EARLY_EVENTS || event.last()) {
                early.add(event);
            }
        } else if (event.last()) {
            end(event.text());
        } else {
            batch(event.utf8());
        }
    }

    /**
     * Queues an event's frame without writing it: the hub flushes every socket's batch a few times
     * a second, so a busy job costs one write per socket per flush, not one per event. The UTF-8
     * bytes are shared by all sockets.
     */
    private void batch(ByteBuffer utf8) {
        frames.sendFrame(new Frame(OpCode.TEXT, utf8.duplicate()), dropIfFailed, true);
        unflushed = true;
    }

    /** Writes the batched frames, if any. */
    void flush() {
        if (unflushed) {
            unflushed = false;
            frames.flush(dropIfFailed);
        }
    }

    private void end(String completed) {
        ended = true;
        send(completed);
        close(CloseCodes.NORMAL, "job ended");
    }

    /** Sent at once, after whatever was batched before it. */
    private void send(String text) {
        session.sendText(text, Callback.from(() -> {}, this::tooSlow));
    }

    private void tooSlow(Throwable failure) {
        if (session.isOpen()) {
            LOG.info(
                    "Dropping a socket on {} that does not keep up: {}", jobId, failure.toString());
            close(CloseCodes.TRY_AGAIN_LATER, "too slow: messages were not read in time");
        }
    }

    /**
     * Pings a live client; closes one that has not been heard from for {@code silentAfterNanos}.
     */
    void keepAlive(long now, long silentAfterNanos) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        if (now - lastHeardNanos > silentAfterNanos) {
            close(CloseCodes.TRY_AGAIN_LATER, "no answer to pings");
        } else {
            current.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    /**
     * Closes with a close frame; a client too slow or gone to take it is disconnected a moment
     * later.
     */
    void close(int code, String reason) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(code, reason, Callback.from(() -> {}, failure -> current.disconnect()));
            hub.disconnectLater(current);
        }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        lastHeardNanos = System.nanoTime();
    }

    @Override
    public void onWebSocketText(String message) {
        lastHeardNanos =
                System.nanoTime(); // clients have nothing to say, but saying it proves they are
        // there
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        hub.leave(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        hub.leave(this);
    }
}
