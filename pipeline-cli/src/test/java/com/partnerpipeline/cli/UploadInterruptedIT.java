package com.partnerpipeline.cli;

import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.AppProcess;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.SlowUpload;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pipeline upload} against a server (a subprocess) that cannot take the file: one that is shutting down
 * answers 503, one killed mid-upload resets the connection. Either way the partner reads one line and gets the
 * exit code for a temporary server problem (69).
 */
class UploadInterruptedIT {
    private static final Path CLI_JAR = Path.of("target/pipeline.jar");
    private static final Path SAMPLE = Path.of("../sample-data/customers.csv").toAbsolutePath();
    private static final TestEnvironment ENV = TestEnvironment.create();

    @TempDir
    Path dir;

    @Test
    void anUploadToAServerShuttingDownSaysSoInOneLine() throws Exception {
        int port = AppProcess.freePort();
        Process server = startServer(port, "-Ddw.server.shutdownGracePeriod=10s");
        try {
            ApiClient api = new ApiClient(port);
            Fixtures.TestPartner partner = partner();
            String schema = Fixtures.sampleSchema(api, partner);
            try (SlowUpload holdsTheShutdownOpen = SlowUpload.start(port, partner.apiKey(), schema, 8_000_000)) {
                awaitTrue(() -> uploadedFiles(port).size() == 1, "the slow upload is being stored");
                server.destroy(); // SIGTERM
                awaitTrue(() -> "shutting down".equals(api.get("/api/health", null).json().path("status").asText()),
                        "health says the server is shutting down");

                JarProcess.Result upload = cli(port, partner, "upload", SAMPLE.toString(), "--schema", schema);

                assertThat(upload.exitCode()).as(upload.stderr()).isEqualTo(ExitStatus.UNAVAILABLE);
                assertThat(upload.stderr().lines().filter(line -> !line.startsWith("Uploading")).toList())
                        .containsExactly("error: the server is shutting down; try again");
                assertThat(upload.stdout()).isEmpty();
            }
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void aServerGoneMidUploadIsOneLineWithoutAStackTrace() throws Exception {
        int port = AppProcess.freePort();
        Process server = startServer(port, "-Ddw.uploads.maxFileSize=1GiB");
        try {
            Fixtures.TestPartner partner = partner();
            String schema = Fixtures.sampleSchema(new ApiClient(port), partner);
            Path big = bigCsv(512L << 20);
            CompletableFuture<JarProcess.Result> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    return cli(port, partner, "upload", big.toString(), "--schema", schema);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitTrue(() -> uploadedFiles(port).stream().anyMatch(file -> size(file) > (1 << 20)), "the upload is arriving");
            server.destroyForcibly().waitFor(); // SIGKILL: the kernel resets the connection

            JarProcess.Result result = upload.get(120, TimeUnit.SECONDS);

            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitStatus.UNAVAILABLE);
            assertThat(result.stderr().lines().filter(line -> !line.startsWith("Uploading")).toList())
                    .containsExactly("error: the server closed the connection during the upload; try again");
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    /** A server with an upload directory of its own, so what one test left there is no other's business. */
    private Process startServer(int port, String jvmOption) {
        Process server = AppProcess.start("server", ENV.configFileWithPorts(port, AppProcess.freePort()), Map.of(),
                List.of(jvmOption, "-Ddw.uploads.directory=" + uploads(port)), dir.resolve("server-" + port + ".log"));
        awaitTrue(new ApiClient(port)::healthy, "the server is up");
        return server;
    }

    private static Fixtures.TestPartner partner() {
        return Fixtures.partner(ENV.jdbi(), "Interrupted");
    }

    private JarProcess.Result cli(int port, Fixtures.TestPartner partner, String... args) throws Exception {
        return JarProcess.run(CLI_JAR, dir, Map.of("PIPELINE_URL", "http://127.0.0.1:" + port,
                "PIPELINE_API_KEY", partner.apiKey()), args);
    }

    /** A CSV header and rows, then zeros to {@code bytes}: sparse, so it costs no disk, and the server only stores it. */
    private Path bigCsv(long bytes) throws IOException {
        Path file = dir.resolve("big.csv");
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(Files.readString(SAMPLE).substring(0, 8192).getBytes(StandardCharsets.UTF_8));
            out.setLength(bytes);
        }
        return file;
    }

    private Path uploads(int port) {
        return dir.resolve("uploads-" + port);
    }

    private List<Path> uploadedFiles(int port) {
        if (!Files.isDirectory(uploads(port))) {
            return List.of();
        }
        try (var files = Files.list(uploads(port))) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // removed meanwhile
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 60 s");
            }
            Fixtures.sleep(10);
        }
    }
}
