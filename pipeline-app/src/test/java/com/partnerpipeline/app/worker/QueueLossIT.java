package com.partnerpipeline.app.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.TestEnvironment;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * Redis restarted without persistence while jobs wait: the queue and its consumer group are gone.
 * Runs against a Redis of its own; the machine's is never touched.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class QueueLossIT {
    private static final int REDIS_PORT = freePort();
    private static final RedisServer REDIS = startRedis();
    private static final TestEnvironment ENV =
            TestEnvironment.create("redis://127.0.0.1:" + REDIS_PORT);
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(PipelineApplication.class, ENV.configFile().toString());
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path dir;

    @AfterAll
    static void stopRedis() throws IOException {
        REDIS.stop();
    }

    @Test
    void workerSaysItCannotReadTheQueueThenRecreatesItAndRunsTheJobsThatWaited() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        Jdbi jdbi = APP.<PipelineApplication>getApplication().infrastructure().jdbi();
        Fixtures.TestPartner partner = Fixtures.partner(jdbi, "QueueLoss");
        String schema = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
        Worker worker =
                Fixtures.startWorker(
                        APP.<PipelineApplication>getApplication().infrastructure(),
                        APP.getConfiguration(),
                        "queue-loss");
        try {
            assertThat(worker.problem()).isEmpty();
            REDIS.stop();
            Optional<String> problem = await(worker::problem, Optional::isPresent);
            assertThat(problem.orElseThrow()).startsWith("cannot read the job queue: ");

            List<UUID> jobs = new ArrayList<>(); // PENDING, and whatever Redis held of them is gone
            for (int i = 0; i < 3; i++) {
                jobs.add(insertJob(jdbi, partner, schema, "waiting-" + i + ".csv"));
            }
            REDIS.start(); // empty: no stream, no consumer group

            for (UUID jobId : jobs) {
                JsonNode job =
                        Fixtures.awaitStatus(
                                api, partner, jobId.toString(), WAIT, "COMPLETED", "FAILED");
                assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
                assertThat(job.get("recordsProcessed").asLong()).isEqualTo(500);
            }
            assertThat(await(worker::problem, Optional::isEmpty)).isEmpty();
        } finally {
            worker.stop();
        }
    }

    private UUID insertJob(Jdbi jdbi, Fixtures.TestPartner partner, String schema, String name)
            throws IOException {
        UUID jobId = UUID.randomUUID();
        Files.createDirectories(ENV.uploadDirectory());
        Path file =
                Files.copy(
                        Fixtures.numbersCsv(dir, name, 500, 0),
                        ENV.uploadDirectory().resolve(jobId + ".csv"));
        jdbi.onDemand(JobDao.class)
                .insert(
                        jobId,
                        partner.id(),
                        UUID.fromString(schema),
                        name,
                        Files.size(file),
                        "csv",
                        "not-checked",
                        file.toString());
        return jobId;
    }

    private static <T> T await(Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T current = value.get();
        while (!done.test(current) && System.nanoTime() < deadline) {
            Fixtures.sleep(100);
            current = value.get();
        }
        return current;
    }

    private static RedisServer startRedis() {
        try {
            RedisServer redis =
                    RedisServer.newRedisServer()
                            .bind("127.0.0.1")
                            .port(REDIS_PORT)
                            .setting("save \"\"")
                            .setting("appendonly no")
                            .build();
            redis.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
