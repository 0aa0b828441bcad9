package com.partnerpipeline.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange written byte for byte over a socket, for requests no well-behaved client
 * sends: a body cut short, a path with parameters, a header that lies. Reads the answer until the
 * server closes or {@code readMillis}.
 */
public final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The answer: status (0 if none), headers with lower-case names, body, and the raw text for
     * assertion messages.
     */
    public record Answer(int status, Map<String, String> headers, String body, String raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw, e);
            }
        }

        public String error() {
            return json().path("error").asText(null);
        }

        @Override
        public String toString() {
            return raw;
        }
    }

    private RawHttp() {}

    /**
     * Sends {@code head} (request line and headers, without the blank line) and {@code body}, then
     * stops sending.
     */
    public static Answer exchange(int port, String head, byte[] body, int readMillis)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(readMillis);
            socket.getOutputStream()
                    .write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return read(socket.getInputStream());
        }
    }

    /** Sends only {@code head} and reads what the server answers before any body is sent. */
    public static Answer headOnly(int port, String head, int readMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(readMillis);
            socket.getOutputStream()
                    .write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what arrived before the timeout or the reset is the answer
        }
        return parse(received.toString(StandardCharsets.ISO_8859_1));
    }

    /** An answer as received: status 0 if it is not an HTTP response. */
    public static Answer parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(0, Map.of(), text, text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body, text);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
