package com.partnerpipeline.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.cli.exit.CliException;
import com.partnerpipeline.cli.exit.ExitStatus;
import java.io.IOException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows a job over {@code /ws/jobs/{id}} until its completed message. A socket the server closes
 * without one (a restart, a dropped connection) is opened again, and its connected snapshot picks
 * up where the job stands.
 */
public final class JobWatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RECONNECT_FOR = Duration.ofMinutes(2);

    /** What the caller shows as messages arrive. */
    public interface Listener {
        void onMessage(JsonNode message);
    }

    private sealed interface Event {}

    private record Text(JsonNode message) implements Event {}

    private record Closed(int code, String reason) implements Event {}

    private final PipelineClient client;

    public JobWatcher(PipelineClient client) {
        this.client = client;
    }

    /** Blocks until the job ends; returns its completed message. */
    public JsonNode follow(String jobId, Listener listener) {
        String partnerId = client.get("/api/me").path("id").asText();
        long reconnectUntil = 0;
        while (true) {
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            WebSocket socket;
            try {
                socket = open(jobId, partnerId, events);
            } catch (CliException e) {
                if (reconnectUntil == 0 || System.nanoTime() > reconnectUntil) {
                    throw e;
                }
                pause();
                continue;
            }
            try {
                Event end = drain(events, listener);
                if (end instanceof Text completed) {
                    return completed.message();
                }
                Closed closed = (Closed) end;
                if (closed.code() == 1008) {
                    throw new CliException(
                            closed.reason().contains("job not found")
                                    ? ExitStatus.REFUSED
                                    : ExitStatus.AUTH,
                            "the server refused to show job " + jobId + ": " + closed.reason());
                }
                if (reconnectUntil == 0) {
                    reconnectUntil = System.nanoTime() + RECONNECT_FOR.toNanos();
                } else if (System.nanoTime() > reconnectUntil) {
                    throw new CliException(
                            ExitStatus.UNAVAILABLE,
                            "lost the live progress of job "
                                    + jobId
                                    + " ("
                                    + closed.code()
                                    + " "
                                    + closed.reason()
                                    + ")");
                }
                pause();
            } finally {
                socket.abort();
            }
        }
    }

    /** The completed message, or how the socket closed without one. */
    private static Event drain(BlockingQueue<Event> events, Listener listener) {
        while (true) {
            Event event;
            try {
                event = events.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitStatus.UNAVAILABLE, "interrupted");
            }
            if (event instanceof Text text) {
                listener.onMessage(text.message());
                if (!"completed".equals(text.message().path("type").asText())) {
                    continue;
                }
            }
            return event;
        }
    }

    private WebSocket open(String jobId, String partnerId, BlockingQueue<Event> events) {
        try {
            return client.http()
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .header("X-API-Key", client.apiKey())
                    .buildAsync(client.jobSocket(jobId, partnerId), new QueueingListener(events))
                    .orTimeout(30, TimeUnit.SECONDS)
                    .join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            String why =
                    cause instanceof WebSocketHandshakeException handshake
                            ? "the server answered "
                                    + handshake.getResponse().statusCode()
                                    + " to the WebSocket request"
                            : PipelineClient.describe(cause);
            throw new CliException(
                    ExitStatus.UNAVAILABLE,
                    "cannot follow job " + jobId + " live at " + client.base() + ": " + why);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitStatus.UNAVAILABLE, "interrupted");
        }
    }

    /** Hands text frames and the close to the caller's thread. */
    private record QueueingListener(BlockingQueue<Event> events, StringBuilder partial)
            implements WebSocket.Listener {
        QueueingListener(BlockingQueue<Event> events) {
            this(events, new StringBuilder());
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    events.add(new Text(JSON.readTree(partial.toString())));
                } catch (IOException e) {
                    // not a message of ours: ignored
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(new Closed(1006, String.valueOf(error.getMessage())));
        }
    }
}
