package com.partnerpipeline.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.app.redis.RedisClients;
import com.partnerpipeline.app.redis.RedisConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.AppProcess;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.SlowUpload;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.app.testing.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;

/**
 * SIGTERM of an API server (a subprocess, as operators run it) while an upload is still arriving:
 * the upload gets until shortly before the grace period ends, then a JSON 503 with Retry-After; new
 * uploads meanwhile get the same 503; an upload completed before stays stored and queued; nothing
 * of the cut upload is left.
 */
class ShutdownDuringUploadIT {
    private static final Duration GRACE = Duration.ofSeconds(4);
    private static final String SHUTTING_DOWN = "the server is shutting down; try again";
    private static final TestEnvironment ENV = TestEnvironment.create();

    @TempDir Path dir;

    @Test
    void anUploadStillArrivingGets503BeforeTheGracePeriodEndsAndEarlierUploadsStayQueued()
            throws Exception {
        try (AppProcess.Server server =
                AppProcess.startServer(
                        ENV,
                        List.of("-Ddw.server.shutdownGracePeriod=" + GRACE.toSeconds() + "s"),
                        dir.resolve("server.log"))) {
            ApiClient api = new ApiClient(server.port());
            Fixtures.TestPartner partner = Fixtures.partner(ENV.jdbi(), "Shutdown");
            String schema = Fixtures.sampleSchema(api, partner);
            Path sample = Fixtures.SAMPLES.resolve("customers.csv");
            String kept = Fixtures.upload(api, partner, sample, schema);

            ApiClient.Response late;
            SlowUpload.Outcome cut;
            long answeredAfterMillis;
            try (SlowUpload slow =
                    SlowUpload.start(server.port(), partner.apiKey(), schema, 8_000_000)) {
                Fixtures.awaitTrue(
                        () -> uploadedFiles().size() == 2,
                        Duration.ofSeconds(10),
                        "the slow upload is being stored");
                long sigterm = System.nanoTime();
                server.process().destroy(); // SIGTERM
                Fixtures.awaitTrue(
                        () ->
                                "shutting down"
                                        .equals(
                                                api.get("/api/health", null)
                                                        .json()
                                                        .path("status")
                                                        .asText()),
                        Duration.ofSeconds(10),
                        "health says the server is shutting down");
                late = api.upload(partner.apiKey(), sample, "late.csv", schema, true);
                cut = slow.awaitOutcome(GRACE.plusSeconds(10));
                answeredAfterMillis = (System.nanoTime() - sigterm) / 1_000_000;
            }
            assertThat(server.process().waitFor(30, TimeUnit.SECONDS))
                    .as("the server stops by itself")
                    .isTrue();

            assertThat(late.status()).as(late.body()).isEqualTo(503);
            assertThat(late.error()).isEqualTo(SHUTTING_DOWN);
            assertThat(late.headers().firstValue("Retry-After")).contains("5");
            assertThat(cut.status()).as(cut.toString()).isEqualTo(503);
            assertThat(cut.json().get("error").asText()).isEqualTo(SHUTTING_DOWN);
            assertThat(cut.headers())
                    .containsEntry("retry-after", "5")
                    .containsEntry("connection", "close");
            // counted from the signal sent, not from the server's stop, which a loaded machine may
            // begin a little later
            assertThat(answeredAfterMillis)
                    .as("the upload had most of the grace period, and its answer came within it")
                    .isBetween(GRACE.toMillis() / 2, GRACE.plusMillis(500).toMillis());
            assertThat(uploadedFiles()).containsExactly(kept + ".csv");
            List<Map<String, Object>> jobs =
                    ENV.jdbi()
                            .withHandle(
                                    handle ->
                                            handle.createQuery(
                                                            "SELECT id, status, file_path FROM jobs")
                                                    .mapToMap()
                                                    .list());
            assertThat(jobs).hasSize(1);
            assertThat(jobs.get(0))
                    .containsEntry("id", UUID.fromString(kept))
                    .containsEntry("status", "PENDING");
            assertThat(Files.size(Path.of((String) jobs.get(0).get("file_path"))))
                    .isEqualTo(Files.size(sample));
            assertThat(queuedJobIds()).containsExactly(kept);
        }
    }

    private static List<String> queuedJobIds() {
        RedisConfiguration config = new RedisConfiguration();
        config.setAddress(TestServices.redisUrl());
        RedissonClient redis = RedisClients.create(config);
        try {
            return redis
                    .<String, String>getStream(ENV.redisKeyPrefix() + ":jobs", StringCodec.INSTANCE)
                    .range(StreamMessageId.MIN, StreamMessageId.MAX)
                    .values()
                    .stream()
                    .flatMap(entry -> entry.values().stream())
                    .toList();
        } finally {
            redis.shutdown();
        }
    }

    private static List<String> uploadedFiles() {
        if (!Files.isDirectory(ENV.uploadDirectory())) {
            return List.of();
        }
        try (var files = Files.list(ENV.uploadDirectory())) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
