package com.partnerpipeline.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A multipart CSV upload over a plain socket whose file arrives a line at a time, as over a slow
 * link, with the answer read while it is still being sent, as curl reads it. It shows exactly what
 * the server does to an upload that is still arriving: its answer, or a connection closed without
 * one. The request declares a Content-Length, as the partner CLI's do, larger than what will ever
 * be sent.
 */
public final class SlowUpload implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * About 2 KB a second in all: slow, yet above the default api.minDataRate, so only a test that
     * raises it is cut.
     */
    private static final String PADDING = "x".repeat(90);

    /**
     * What came back: an HTTP answer (status, headers with lower-case names, body), or {@code
     * failure} without one.
     */
    public record Outcome(int status, Map<String, String> headers, String body, String failure) {
        public boolean answered() {
            return status > 0;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return answered() ? status + " " + headers + " " + body : "no answer: " + failure;
        }
    }

    private final Socket socket;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile boolean stopSending;
    private volatile long sent;

    private SlowUpload(Socket socket) {
        this.socket = socket;
    }

    /**
     * Sends the headers and the file's first 8 KiB at once (more than the server's format check
     * reads), then a line of about 100 bytes every 50 ms.
     */
    public static SlowUpload start(int port, String apiKey, String schemaId, long declaredLength)
            throws IOException {
        SlowUpload upload = new SlowUpload(new Socket("127.0.0.1", port));
        String boundary = "----slow" + UUID.randomUUID();
        String head =
                "POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:"
                        + port
                        + "\r\nX-API-Key: "
                        + apiKey
                        + "\r\nContent-Type: multipart/form-data; boundary="
                        + boundary
                        + "\r\nContent-Length: "
                        + declaredLength
                        + "\r\n\r\n--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"schemaId\"\r\n\r\n"
                        + schemaId
                        + "\r\n--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\nid,label\n";
        Thread sender = new Thread(() -> upload.send(head), "slow-upload-sender");
        Thread reader = new Thread(upload::read, "slow-upload-reader");
        sender.setDaemon(true);
        reader.setDaemon(true);
        sender.start();
        reader.start();
        return upload;
    }

    private void send(String head) {
        try {
            OutputStream out = socket.getOutputStream();
            StringBuilder first = new StringBuilder(head);
            int line = 0;
            while (first.length() < head.length() + 8192) {
                first.append(line).append(",row ").append(line++).append('\n');
            }
            write(out, first.toString());
            while (!stopSending) {
                write(out, line + ",row " + line++ + " " + PADDING + "\n");
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            // the server closed the connection; what it answered, if anything, is the reader's to
            // tell
        }
    }

    private void write(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes);
        out.flush();
        sent += bytes.length;
    }

    private void read() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        String failure = "the server closed the connection";
        try (InputStream in = socket.getInputStream()) {
            in.transferTo(received);
        } catch (IOException e) {
            failure = String.valueOf(e.getMessage());
        }
        stopSending = true;
        outcome.complete(parse(received.toString(StandardCharsets.ISO_8859_1), failure));
    }

    private static Outcome parse(String text, String failure) {
        RawHttp.Answer answer = RawHttp.parse(text);
        return answer.status() == 0
                ? new Outcome(
                        0, Map.of(), text, failure + (text.isEmpty() ? "" : " after: " + text))
                : new Outcome(answer.status(), answer.headers(), answer.body(), null);
    }

    /** Bytes of the request written so far. */
    public long sent() {
        return sent;
    }

    /** Waits for the server to answer or close the connection. */
    public Outcome awaitOutcome(Duration timeout) throws Exception {
        return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        stopSending = true;
        socket.close();
    }
}
