package com.partnerpipeline.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.cli.exit.CliException;
import com.partnerpipeline.cli.exit.ExitStatus;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The REST API as the CLI uses it. Every failure becomes a {@link CliException} that says what to
 * do about it: an unreachable server, a refused key, or the server's own {@code {"error": ...}}
 * message.
 */
public final class PipelineClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final String apiKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public PipelineClient(String url, String apiKey) {
        this.base = baseUri(url);
        this.apiKey = apiKey;
    }

    private static URI baseUri(String url) {
        try {
            URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an http or https URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CliException(
                    ExitStatus.USAGE, "invalid server URL '" + url + "': " + e.getReason());
        }
    }

    public JsonNode get(String path) {
        return json(
                send(
                        authorized(path).GET().timeout(REQUEST_TIMEOUT),
                        HttpResponse.BodyHandlers.ofInputStream()));
    }

    public JsonNode post(String path, String body) {
        HttpRequest.Builder request =
                authorized(path)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        return json(send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** A response body to read as it arrives (the errors CSV of a million-error job, say). */
    public InputStream stream(String path) {
        return send(authorized(path).GET(), HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    /** {@code GET /api/health}: no key needed, and a 503 is an answer, not an error. */
    public JsonNode health() {
        HttpResponse<InputStream> response =
                send(
                        request("/api/health").GET().timeout(Duration.ofSeconds(30)),
                        HttpResponse.BodyHandlers.ofInputStream(),
                        503);
        return json(response);
    }

    /**
     * Streams {@code file} as a multipart upload, never holding it in memory.
     *
     * @param sent counts the file's bytes as they are handed to the connection
     */
    public JsonNode upload(Path file, String schemaId, AtomicLong sent) {
        String boundary = "----pipeline-" + UUID.randomUUID();
        byte[] before =
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"schemaId\"\r\n\r\n"
                                + schemaId
                                + "\r\n--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                                + file.getFileName().toString().replace("\"", "%22")
                                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] after = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length;
        try {
            length = before.length + Files.size(file) + after.length;
        } catch (IOException e) {
            throw new CliException(
                    ExitStatus.NO_INPUT, "cannot read " + file + ": " + e.getMessage());
        }
        HttpRequest.BodyPublisher body =
                HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> {
                                    try {
                                        return new SequenceInputStream(
                                                Collections.enumeration(
                                                        List.of(
                                                                new ByteArrayInputStream(before),
                                                                new CountingInputStream(
                                                                        Files.newInputStream(file),
                                                                        sent),
                                                                new ByteArrayInputStream(after))));
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                }),
                        length);
        HttpRequest.Builder request =
                authorized("/api/upload")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(body);
        return json(
                checked(
                        exchange(
                                request,
                                HttpResponse.BodyHandlers.ofInputStream(),
                                "the server closed the connection during the upload; try again")));
    }

    /** {@code ws://host/ws/jobs/{id}?partnerId=...}; the key goes in a header, never in the URL. */
    public URI jobSocket(String jobId, String partnerId) {
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        return URI.create(
                scheme
                        + "://"
                        + base.getRawAuthority()
                        + pathPrefix()
                        + "/ws/jobs/"
                        + encode(jobId)
                        + "?partnerId="
                        + encode(partnerId));
    }

    public HttpClient http() {
        return http;
    }

    public String apiKey() {
        return requireKey();
    }

    public URI base() {
        return base;
    }

    /** A path segment from user input, so an id cannot reach another route. */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String pathPrefix() {
        return base.getRawPath() == null ? "" : base.getRawPath();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    private HttpRequest.Builder authorized(String path) {
        return request(path).header("X-API-Key", requireKey());
    }

    private String requireKey() {
        if (apiKey == null || apiKey.isBlank()) {
            throw new CliException(
                    ExitStatus.AUTH, "no API key: set PIPELINE_API_KEY (or pass --api-key)");
        }
        return apiKey;
    }

    private <T> HttpResponse<T> send(
            HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, int... alsoFine) {
        return checked(exchange(request, body, null), alsoFine);
    }

    /**
     * The request and its answer, whatever its status. {@code whenClosed} says what a connection
     * lost after it was made means for this request (an upload cut off by a server that stopped);
     * null for the general wording.
     */
    private <T> HttpResponse<T> exchange(
            HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, String whenClosed) {
        try {
            return http.send(request.build(), body);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException(
                    ExitStatus.UNAVAILABLE,
                    "cannot reach the server at "
                            + base
                            + " ("
                            + (e instanceof HttpConnectTimeoutException
                                    ? "timed out"
                                    : "connection refused")
                            + "); check --url or PIPELINE_URL, and that the server is running");
        } catch (UncheckedIOException e) {
            throw new CliException(
                    ExitStatus.NO_INPUT, "cannot read the file: " + describe(e.getCause()));
        } catch (IOException e) {
            throw new CliException(
                    ExitStatus.UNAVAILABLE,
                    whenClosed != null && !(e instanceof HttpTimeoutException)
                            ? whenClosed
                            : "the connection to " + base + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitStatus.UNAVAILABLE, "interrupted");
        }
    }

    /**
     * The response if its status is a success (or one of {@code alsoFine}), else the failure in the
     * user's terms. 408 (too slow), 429 (too many at once), 503 (shutting down, busy) and 507 (no
     * room) are the server's own words, which say to try again: nothing failed.
     */
    private static <T> HttpResponse<T> checked(HttpResponse<T> response, int... alsoFine) {
        int status = response.statusCode();
        if (status < 400 || Arrays.stream(alsoFine).anyMatch(fine -> fine == status)) {
            return response;
        }
        String message = serverMessage(response);
        if (status == 401 || status == 403) {
            throw new CliException(ExitStatus.AUTH, "the server refused the API key: " + message);
        }
        if (status == 408 || status == 429 || status == 503 || status == 507) {
            throw new CliException(ExitStatus.UNAVAILABLE, message);
        }
        if (status >= 500) {
            throw new CliException(
                    ExitStatus.UNAVAILABLE, "the server failed (" + status + "): " + message);
        }
        throw new CliException(ExitStatus.REFUSED, message);
    }

    private static String serverMessage(HttpResponse<?> response) {
        String text;
        try (InputStream in =
                response.body() instanceof InputStream stream
                        ? stream
                        : InputStream.nullInputStream()) {
            text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        try {
            String error = JSON.readTree(text).path("error").asText("");
            if (!error.isEmpty()) {
                return error;
            }
        } catch (IOException e) {
            // not our JSON: a proxy's page, say
        }
        return "HTTP "
                + response.statusCode()
                + (text.isBlank() ? "" : ": " + text.strip().lines().findFirst().orElse(""));
    }

    private static JsonNode json(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new CliException(
                    ExitStatus.UNAVAILABLE,
                    "the server's answer is not the JSON expected: " + e.getMessage());
        }
    }

    /**
     * A network failure in the user's words: its message, never its class name (which is all some
     * of them carry).
     */
    static String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException
                || e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        return e.getMessage() == null || e.getMessage().isBlank()
                ? "it failed without saying why"
                : e.getMessage();
    }

    /** Counts the bytes read, for the upload's progress bar. */
    private static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong count;

        CountingInputStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
