package com.partnerpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.AppProcess;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.SlowUpload;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.cli.exit.ExitStatus;
import com.partnerpipeline.testing.JarProcess;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline upload} against a server (a subprocess) that cannot take the file: one that is
 * shutting down answers 503, one killed mid-upload resets the connection. Either way the partner
 * reads one line and gets the exit code for a temporary server problem (69).
 */
class UploadInterruptedIT {
    private static final Path CLI_JAR = Path.of("target/pipeline.jar");
    private static final Path SAMPLE = Path.of("../sample-data/customers.csv").toAbsolutePath();
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path dir;

    @Test
    void anUploadToAServerShuttingDownSaysSoInOneLine() throws Exception {
        try (AppProcess.Server server =
                startServer("shutdown", "-Ddw.server.shutdownGracePeriod=10s")) {
            ApiClient api = new ApiClient(server.port());
            Fixtures.TestPartner partner = partner();
            String schema = Fixtures.sampleSchema(api, partner);
            try (SlowUpload holdsTheShutdownOpen =
                    SlowUpload.start(server.port(), partner.apiKey(), schema, 8_000_000)) {
                Fixtures.awaitTrue(
                        () -> uploadedFiles("shutdown").size() == 1,
                        WAIT,
                        "the slow upload is being stored");
                server.process().destroy(); // SIGTERM
                Fixtures.awaitTrue(
                        () ->
                                "shutting down"
                                        .equals(
                                                api.get("/api/health", null)
                                                        .json()
                                                        .path("status")
                                                        .asText()),
                        WAIT,
                        "health says the server is shutting down");

                JarProcess.Result upload =
                        cli(
                                server.port(),
                                partner,
                                "upload",
                                SAMPLE.toString(),
                                "--schema",
                                schema);

                assertThat(upload.exitCode()).as(upload.stderr()).isEqualTo(ExitStatus.UNAVAILABLE);
                assertThat(
                                upload.stderr()
                                        .lines()
                                        .filter(line -> !line.startsWith("Uploading"))
                                        .toList())
                        .containsExactly("error: the server is shutting down; try again");
                assertThat(upload.stdout()).isEmpty();
            }
        }
    }

    @Test
    void aServerGoneMidUploadIsOneLineWithoutAStackTrace() throws Exception {
        try (AppProcess.Server server = startServer("killed", "-Ddw.uploads.maxFileSize=1GiB")) {
            Fixtures.TestPartner partner = partner();
            String schema = Fixtures.sampleSchema(new ApiClient(server.port()), partner);
            Path big = bigCsv(512L << 20);
            CompletableFuture<JarProcess.Result> upload =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return cli(
                                            server.port(),
                                            partner,
                                            "upload",
                                            big.toString(),
                                            "--schema",
                                            schema);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            Fixtures.awaitTrue(
                    () -> uploadedFiles("killed").stream().anyMatch(file -> size(file) > (1 << 20)),
                    WAIT,
                    "the upload is arriving");
            server.process()
                    .destroyForcibly()
                    .waitFor(); // SIGKILL: the kernel resets the connection

            JarProcess.Result result = upload.get(120, TimeUnit.SECONDS);

            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitStatus.UNAVAILABLE);
            assertThat(
                            result.stderr()
                                    .lines()
                                    .filter(line -> !line.startsWith("Uploading"))
                                    .toList())
                    .containsExactly(
                            "error: the server closed the connection during the upload; try again");
        }
    }

    /**
     * A server with an upload directory of its own, so what one test left there is no other's
     * business.
     */
    private AppProcess.Server startServer(String name, String jvmOption) {
        return AppProcess.startServer(
                ENV,
                List.of(jvmOption, "-Ddw.uploads.directory=" + uploads(name)),
                dir.resolve(name + ".log"));
    }

    private static Fixtures.TestPartner partner() {
        return Fixtures.partner(ENV.jdbi(), "Interrupted");
    }

    private JarProcess.Result cli(int port, Fixtures.TestPartner partner, String... args)
            throws Exception {
        return JarProcess.run(
                CLI_JAR,
                dir,
                Map.of(
                        "PIPELINE_URL",
                        "http://127.0.0.1:" + port,
                        "PIPELINE_API_KEY",
                        partner.apiKey()),
                args);
    }

    /**
     * A CSV header and rows, then zeros to {@code bytes}: sparse, so it costs no disk, and the
     * server only stores it.
     */
    private Path bigCsv(long bytes) throws IOException {
        Path file = dir.resolve("big.csv");
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(Files.readString(SAMPLE).substring(0, 8192).getBytes(StandardCharsets.UTF_8));
            out.setLength(bytes);
        }
        return file;
    }

    private Path uploads(String name) {
        return dir.resolve("uploads-" + name);
    }

    private List<Path> uploadedFiles(String name) {
        if (!Files.isDirectory(uploads(name))) {
            return List.of();
        }
        try (var files = Files.list(uploads(name))) {
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
}
