package com.partnerpipeline.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A job socket as a browser or the CLI opens it: every message kept with its arrival time, and how
 * it closed.
 */
public final class SocketClient implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A text frame as received. */
    public record Message(JsonNode json, long receivedNanos) {
        public String type() {
            return json.path("type").asText();
        }
    }

    /** The close frame the server sent, or 1006 when the connection dropped without one. */
    public record Close(int code, String reason) {}

    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private SocketClient() {}

    /**
     * @param apiKey sent as the X-API-Key header; null to send none (put it in {@code query}
     *     instead)
     */
    public static SocketClient connect(int port, String jobId, String query, String apiKey) {
        SocketClient client = new SocketClient();
        WebSocket.Builder builder =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(5));
        if (apiKey != null) {
            builder.header("X-API-Key", apiKey);
        }
        URI uri =
                URI.create(
                        "ws://127.0.0.1:"
                                + port
                                + "/ws/jobs/"
                                + jobId
                                + (query == null ? "" : "?" + query));
        client.socket = builder.buildAsync(uri, client).orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(new Message(JSON.readTree(partial.toString()), System.nanoTime()));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(1006, String.valueOf(error)));
    }

    /** Waits for the server to close the socket. */
    public Close awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(
                    "the socket was not closed within " + timeout + "; received " + messages, e);
        }
    }

    /** Waits until a message of {@code type} arrived, and returns it. */
    public Message await(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Message message : messages) {
                if (message.type().equals(type)) {
                    return message;
                }
            }
            Fixtures.sleep(20);
        }
        throw new AssertionError(
                "no " + type + " message within " + timeout + "; received " + messages);
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public List<Message> messages(String type) {
        return messages.stream().filter(message -> message.type().equals(type)).toList();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
