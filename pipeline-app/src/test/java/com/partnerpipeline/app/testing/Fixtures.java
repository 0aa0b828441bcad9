package com.partnerpipeline.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.app.Infrastructure;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.db.PartnerDao;
import com.partnerpipeline.app.domain.ApiKeys;
import com.partnerpipeline.app.worker.JobMetrics;
import com.partnerpipeline.app.worker.JobRunner;
import com.partnerpipeline.app.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/** Partners, schemas, files and workers for the integration tests. */
public final class Fixtures {
    public static final Path SAMPLES = Path.of("../sample-data").toAbsolutePath();

    /** A partner and its API key. */
    public record TestPartner(UUID id, String apiKey) {}

    private Fixtures() {}

    public static TestPartner partner(Jdbi jdbi, String name) {
        UUID id = UUID.randomUUID();
        String key = ApiKeys.generate();
        jdbi.onDemand(PartnerDao.class).insert(id, name, ApiKeys.hash(key), null);
        return new TestPartner(id, key);
    }

    /** Registers a schema through the API; returns its id. */
    public static String schema(ApiClient api, TestPartner partner, String json) {
        ApiClient.Response created = api.post("/api/schemas", partner.apiKey(), json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    public static String sampleSchema(ApiClient api, TestPartner partner) {
        try {
            return schema(api, partner, Files.readString(SAMPLES.resolve("customers.schema.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads and returns the job id. */
    public static String upload(ApiClient api, TestPartner partner, Path file, String schemaId) {
        ApiClient.Response response =
                api.upload(partner.apiKey(), file, file.getFileName().toString(), schemaId, true);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("job_id").asText();
    }

    /** Polls the job until its status is one of {@code statuses}; fails after {@code timeout}. */
    public static JsonNode awaitStatus(
            ApiClient api,
            TestPartner partner,
            String jobId,
            Duration timeout,
            String... statuses) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job;
        do {
            job = api.get("/api/jobs/" + jobId, partner.apiKey()).json();
            if (Set.of(statuses).contains(job.path("status").asText())) {
                return job;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(
                "job "
                        + jobId
                        + " did not reach "
                        + Set.of(statuses)
                        + " in "
                        + timeout
                        + ": "
                        + job);
    }

    /** Polls until the job has processed at least {@code records} records. */
    public static JsonNode awaitProcessed(
            ApiClient api, TestPartner partner, String jobId, long records, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job;
        do {
            job = api.get("/api/jobs/" + jobId, partner.apiKey()).json();
            if (job.path("recordsProcessed").asLong() >= records) {
                return job;
            }
            if (Set.of("COMPLETED", "FAILED", "CANCELLED").contains(job.path("status").asText())) {
                throw new AssertionError(
                        "job "
                                + jobId
                                + " ended before processing "
                                + records
                                + " records: "
                                + job);
            }
            sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(
                "job "
                        + jobId
                        + " did not process "
                        + records
                        + " records in "
                        + timeout
                        + ": "
                        + job);
    }

    /** A worker in this JVM, on the application's connections. */
    public static Worker startWorker(
            Infrastructure infrastructure, PipelineConfiguration configuration, String name) {
        JobRunner runner =
                new JobRunner(
                        infrastructure.jdbi(),
                        infrastructure.cancellations(),
                        infrastructure.events(),
                        JobMetrics.unread(),
                        name,
                        configuration.getProcessing(),
                        configuration.getWorker(),
                        configuration.getSchemas().toLimits());
        Worker worker =
                new Worker(
                        infrastructure.queue(),
                        infrastructure.cancellations(),
                        runner,
                        infrastructure.jdbi(),
                        configuration.getWorker(),
                        configuration.getUploads(),
                        name);
        worker.start();
        return worker;
    }

    /**
     * A CSV of {@code records} rows for {@link #NUMBERS_SCHEMA}; rows whose index is a multiple of
     * {@code badEvery} are invalid.
     */
    public static Path numbersCsv(Path directory, String name, int records, int badEvery) {
        Path file = directory.resolve(name);
        try (var out = Files.newBufferedWriter(file)) {
            out.write("id,label\n");
            for (int i = 0; i < records; i++) {
                out.write(badEvery > 0 && i % badEvery == 0 ? "x" + i : String.valueOf(i));
                out.write(",row " + i + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public static final String NUMBERS_SCHEMA =
            """
            {"name": "numbers", "fields": [
              {"name": "id", "type": "integer", "validation": {"required": true}},
              {"name": "label", "type": "string"}]}
            """;

    /**
     * Polls {@code condition} until it holds; fails after {@code timeout}, saying {@code what} was
     * awaited.
     */
    public static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            sleep(10);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
