package com.partnerpipeline.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** Talks to a running server over real HTTP, as partners' tools do. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response as received. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String error() {
            return json().path("error").asText(null);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response get(String path, String apiKey) {
        return send(request(path, apiKey).GET());
    }

    public Response post(String path, String apiKey, String json) {
        return send(
                request(path, apiKey)
                        .header("Content-Type", "application/json")
                        .POST(
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * A multipart upload streamed from disk; {@code schemaId} goes before or after the file, or
     * nowhere if null.
     */
    public Response upload(
            String apiKey, Path file, String filename, String schemaId, boolean schemaFirst) {
        return uploadTo("/api/upload", apiKey, file, filename, schemaId, schemaFirst);
    }

    /** The same to any path (a query string, say); a null {@code file} sends no file part. */
    public Response uploadTo(
            String path,
            String apiKey,
            Path file,
            String filename,
            String schemaId,
            boolean schemaFirst) {
        String boundary = "----it" + UUID.randomUUID();
        String schemaPart =
                schemaId == null
                        ? ""
                        : "--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"schemaId\"\r\n\r\n"
                                + schemaId
                                + "\r\n";
        String fileHeader =
                file == null
                        ? ""
                        : "--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                                + filename
                                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String before = (schemaFirst ? schemaPart : "") + fileHeader;
        String after =
                (file == null ? "" : "\r\n")
                        + (schemaFirst ? "" : schemaPart)
                        + "--"
                        + boundary
                        + "--\r\n";
        HttpRequest.BodyPublisher body =
                HttpRequest.BodyPublishers.ofInputStream(
                        () -> {
                            try {
                                List<InputStream> parts =
                                        List.of(
                                                stream(before),
                                                file == null
                                                        ? InputStream.nullInputStream()
                                                        : Files.newInputStream(file),
                                                stream(after));
                                return new SequenceInputStream(Collections.enumeration(parts));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        return send(
                request(path, apiKey)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(body));
    }

    /** Whether a server answers on this port and says it is healthy. */
    public boolean healthy() {
        try {
            return get("/api/health", null).status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path, String apiKey) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        return apiKey == null ? builder : builder.header("X-API-Key", apiKey);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
