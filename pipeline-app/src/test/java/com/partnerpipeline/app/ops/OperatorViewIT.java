package com.partnerpipeline.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.AppProcess;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.SocketClient;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.app.testing.TestServices;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees: the metrics on the API's admin port and on a worker's, and the worker's
 * structured log, with a worker started from the shipped config.yml and only environment variables,
 * as the Compose file runs it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OperatorViewIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(PipelineApplication.class, ENV.configFile().toString());

    @TempDir Path dir;

    @Test
    void adminPortsCountUploadsQueueJobsSocketsAndRecordsAndTheWorkerLogsJsonWithTheJobId()
            throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        TestPartner partner =
                Fixtures.partner(
                        APP.<PipelineApplication>getApplication().infrastructure().jdbi(),
                        "Operator view");
        String schemaId = Fixtures.sampleSchema(api, partner);
        Path sample = Fixtures.SAMPLES.resolve("customers.csv");

        String jobId = Fixtures.upload(api, partner, sample, schemaId);

        int admin = APP.getAdminPort();
        JsonNode metrics = awaitMetrics(admin, m -> gauge(m, "pipeline.queue.length") == 1);
        assertThat(metrics.at("/meters/pipeline.uploads.accepted/count").asLong()).isEqualTo(1);
        assertThat(metrics.at("/meters/pipeline.uploads.bytes/count").asLong())
                .isEqualTo(Files.size(sample));
        assertThat(gauge(metrics, "pipeline.queue.waiting"))
                .as("no worker has taken it")
                .isEqualTo(1);
        assertThat(gauge(metrics, "pipeline.queue.claimed")).isZero();
        assertThat(gauge(metrics, "pipeline.jobs.pending")).isEqualTo(1);
        assertThat(gauge(metrics, "pipeline.websocket.sessions")).isZero();

        SocketClient socket =
                SocketClient.connect(
                        APP.getLocalPort(), jobId, "partnerId=" + partner.id(), partner.apiKey());
        socket.await("connected", Duration.ofSeconds(5));
        assertThat(gauge(fetchMetrics(admin), "pipeline.websocket.sessions")).isEqualTo(1);

        int workerAdmin = AppProcess.freePort();
        Path log = dir.resolve("worker.log");
        Process worker =
                AppProcess.start(
                        "worker",
                        Path.of("../config.yml").toAbsolutePath(),
                        shippedConfigEnvironment(workerAdmin),
                        log);
        try {
            socket.await("completed", Duration.ofSeconds(60));
            JsonNode workerMetrics =
                    awaitMetrics(workerAdmin, m -> meter(m, "pipeline.worker.jobs.completed") == 1);
            assertThat(meter(workerMetrics, "pipeline.worker.records")).isEqualTo(1000);
            assertThat(meter(workerMetrics, "pipeline.worker.records.rejected")).isEqualTo(100);
            assertThat(meter(workerMetrics, "pipeline.worker.jobs.failed")).isZero();
            JsonNode health = JSON.readTree(get(workerAdmin, "/healthcheck").body());
            assertThat(health.at("/database/healthy").asBoolean()).isTrue();
            assertThat(health.at("/redis/healthy").asBoolean()).isTrue();
            assertThat(health.at("/uploads/healthy").asBoolean())
                    .as("the shared uploads volume, as on the API's admin port")
                    .isTrue();
            assertThat(health.at("/worker/healthy").asBoolean()).isTrue();
            awaitMetrics(workerAdmin, m -> gauge(m, "pipeline.jobs.completed") == 1);

            JsonNode afterwards =
                    awaitMetrics(admin, m -> gauge(m, "pipeline.jobs.completed") == 1);
            assertThat(gauge(afterwards, "pipeline.jobs.pending")).isZero();
            assertThat(gauge(afterwards, "pipeline.queue.length"))
                    .as("done messages are deleted")
                    .isZero();
            assertThat(gauge(afterwards, "pipeline.websocket.sessions"))
                    .as("closed after completed")
                    .isZero();
        } finally {
            worker.destroy();
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        List<JsonNode> lines =
                Files.readAllLines(log).stream()
                        .filter(line -> line.startsWith("{"))
                        .map(OperatorViewIT::json)
                        .toList();
        List<JsonNode> jobLines =
                lines.stream()
                        .filter(line -> line.path("logger").asText().endsWith(".JobRunner"))
                        .toList();
        assertThat(jobLines).as("Processing and Completed lines").hasSizeGreaterThanOrEqualTo(2);
        assertThat(jobLines)
                .allSatisfy(
                        line -> {
                            assertThat(line.path("jobId").asText()).isEqualTo(jobId);
                            assertThat(
                                            line.has("timestamp")
                                                    && line.has("level")
                                                    && line.has("thread")
                                                    && line.has("message"))
                                    .isTrue();
                        });
        assertThat(lines)
                .filteredOn(line -> line.path("message").asText().contains(jobId))
                .as("whatever mentions the job while it runs carries its id")
                .allSatisfy(
                        line ->
                                assertThat(
                                                line.path("logger").asText().endsWith(".Worker")
                                                        || line.path("jobId")
                                                                .asText()
                                                                .equals(jobId))
                                        .isTrue());
    }

    @Test
    void aWorkerWhoseAdminPortIsTakenSaysSoInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path log = dir.resolve("worker.log");
            Process worker =
                    AppProcess.start(
                            "worker",
                            Path.of("../config.yml").toAbsolutePath(),
                            shippedConfigEnvironment(taken.getLocalPort()),
                            log);

            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.exitValue()).isEqualTo(2);
            assertThat(Files.readString(log))
                    .contains(
                            "error: port "
                                    + taken.getLocalPort()
                                    + " (worker admin) is already in use: "
                                    + "stop what is using it, or choose another with worker.adminPort (WORKER_ADMIN_PORT), or 0 to turn it off")
                    .doesNotContain("\tat ");
        }
    }

    /**
     * config.yml as shipped, pointed at this test's services the way docker-compose.yml points it
     * at its own.
     */
    private static Map<String, String> shippedConfigEnvironment(int adminPort) {
        TestServices.Postgres postgres = TestServices.postgres();
        return Map.of(
                "DATABASE_URL",
                ENV.databaseUrl(),
                "DATABASE_USER",
                postgres.user(),
                "DATABASE_PASSWORD",
                postgres.password(),
                "REDIS_URL",
                TestServices.redisUrl(),
                "REDIS_KEY_PREFIX",
                ENV.redisKeyPrefix(),
                "UPLOAD_DIR",
                ENV.uploadDirectory().toString(),
                "WORKER_ADMIN_PORT",
                String.valueOf(adminPort));
    }

    private static long gauge(JsonNode metrics, String name) {
        return metrics.path("gauges").path(name).path("value").asLong(-1);
    }

    private static long meter(JsonNode metrics, String name) {
        return metrics.path("meters").path(name).path("count").asLong(-1);
    }

    /** The gauges read the services at most every 5 s, so a change shows within that. */
    private static JsonNode awaitMetrics(int port, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode metrics = null;
        while (System.nanoTime() < deadline) {
            try {
                metrics = fetchMetrics(port);
                if (condition.test(metrics)) {
                    return metrics;
                }
            } catch (IOException e) {
                // the worker's admin port is not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "metrics on port " + port + " never met the condition: " + metrics);
    }

    private static JsonNode fetchMetrics(int port) throws Exception {
        return JSON.readTree(get(port, "/metrics").body());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
