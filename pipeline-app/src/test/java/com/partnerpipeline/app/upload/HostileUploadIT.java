package com.partnerpipeline.app.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.AppProcess;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.StoredRecords;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.testing.HostileCorpus;
import com.partnerpipeline.testing.HostileCorpus.Case;
import com.partnerpipeline.testing.HostileCorpus.Expectation;
import com.partnerpipeline.testing.HostileCorpus.Kind;
import com.partnerpipeline.testing.PartnerMessages;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every file of the hostile corpus uploaded to a real server and processed by a real worker process
 * (256 MB heap, exiting on OutOfMemoryError, as deployed), against PostgreSQL and Redis. Each
 * upload is refused, or its job ends as the file's expectation says, with a message fit for a
 * partner; the valid records are stored exactly once; and after each file the same worker still
 * runs a normal job to the end with every record exactly once.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostileUploadIT {
    private static final TestEnvironment ENV = TestEnvironment.create();

    /** The largest hostile file is about 50 MB; the test world's own limit is 16 MiB. */
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(
                    PipelineApplication.class,
                    ENV.configFile().toString(),
                    ConfigOverride.config("uploads.maxFileSize", "128MiB"));

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int NORMAL_RECORDS = 250;
    private static final int NORMAL_BAD_EVERY = 7;

    private static ApiClient api;
    private static Jdbi jdbi;
    private static TestPartner partner;
    private static String hostileSchema;
    private static String numbersSchema;
    private static Path corpus;
    private static Process worker;
    private static Path workerLog;
    private static int workersStarted;

    @BeforeAll
    static void startWorkerProcess() throws IOException {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<PipelineApplication>getApplication().infrastructure().jdbi();
        partner = Fixtures.partner(jdbi, "Hostile files");
        hostileSchema = Fixtures.schema(api, partner, HostileCorpus.SCHEMA);
        numbersSchema = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
        corpus = Files.createDirectories(ENV.directory().resolve("hostile"));
        startWorker();
    }

    private static void startWorker() {
        workerLog = ENV.directory().resolve("hostile-worker-" + ++workersStarted + ".log");
        worker = AppProcess.start("worker", ENV.configFile(), workerLog);
    }

    @AfterAll
    static void stopWorkerProcess() throws Exception {
        if (worker != null) {
            worker.destroy();
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyHostileFileEndsAsExpectedAndTheWorkerGoesOn() {
        return HostileCorpus.tests(Case::server, HostileUploadIT::check);
    }

    private static void check(Case hostile) throws IOException {
        Expectation expected = hostile.server();
        Path file = hostile.writeTo(corpus);
        try {
            long jobsBefore = jobCount();
            ApiClient.Response upload =
                    api.upload(partner.apiKey(), file, hostile.fileName(), hostileSchema, true);
            if (expected.kind() == Kind.REFUSED) {
                assertThat(upload.status()).as(upload.body()).isEqualTo(expected.httpStatus());
                assertNamesTheProblem(upload.error(), expected.problem());
                PartnerMessages.assertClean("the upload's refusal", upload.error());
                assertThat(jobCount()).as("no job for a refused upload").isEqualTo(jobsBefore);
            } else {
                assertThat(upload.status()).as(upload.body()).isEqualTo(201);
                checkJob(UUID.fromString(upload.json().get("job_id").asText()), expected);
            }
        } finally {
            Files.deleteIfExists(
                    file); // the corpus is some 200 MB; the server keeps its own copy while it
            // needs one
        }
        assertWorkerRunsANormalJob(hostile.fileName());
    }

    private static void checkJob(UUID jobId, Expectation expected) throws IOException {
        JsonNode job = awaitEnd(jobId);
        String message = job.path("errorMessage").asText(null);
        assertThat(job.get("status").asText())
                .as("status; message: %s", message)
                .isEqualTo(expected.kind().name());
        long stored =
                StoredRecords.count(
                        jdbi, "SELECT count(*) FROM processed_records WHERE job_id = ?", jobId);
        assertThat(stored)
                .as("valid records stored; message: %s", message)
                .isEqualTo(expected.valid());
        assertThat(
                        StoredRecords.count(
                                jdbi,
                                "SELECT count(DISTINCT record_index) FROM processed_records WHERE job_id = ?",
                                jobId))
                .as("each stored once")
                .isEqualTo(expected.valid());
        assertThat(
                        StoredRecords.count(
                                jdbi,
                                "SELECT count(DISTINCT record_index) FROM processing_errors WHERE job_id = ?",
                                jobId))
                .as("rejected records")
                .isEqualTo(expected.rejected());
        assertThat(job.get("recordsProcessed").asLong())
                .isEqualTo(expected.valid() + expected.rejected());
        assertThat(job.get("recordsFailed").asLong()).isEqualTo(expected.rejected());
        StoredRecords.assertCountersMatchRows(jdbi, jobId);
        List<Map<String, Object>> errors =
                jdbi.withHandle(
                        handle ->
                                handle.createQuery(
                                                "SELECT record_index, error_code, error_message FROM processing_errors WHERE job_id = :id")
                                        .bind("id", jobId)
                                        .mapToMap()
                                        .list());
        assertThat(errors)
                .extracting(error -> (String) error.get("error_code"))
                .as("error codes")
                .containsOnlyElementsOf(expected.errorCodes())
                .containsAll(expected.errorCodes());
        for (Map<String, Object> error : errors) {
            PartnerMessages.assertClean(
                    "the error of record " + error.get("record_index"),
                    (String) error.get("error_message"));
        }
        if (expected.kind() == Kind.FAILED) {
            assertThat(message).isNotNull();
            assertNamesTheProblem(message, expected.problem());
            PartnerMessages.assertClean("the job's message", message);
        } else {
            assertThat(message).isNull();
            assertThat(job.get("recordsTotal").asLong())
                    .isEqualTo(expected.valid() + expected.rejected());
            if (expected.problem() != null) {
                assertThat(errors)
                        .as("an error naming '%s'", expected.problem())
                        .anySatisfy(
                                error ->
                                        assertNamesTheProblem(
                                                (String) error.get("error_message"),
                                                expected.problem()));
            }
        }
    }

    /**
     * Waits for the job to end. A worker process that dies on the file (out of memory: it exits, as
     * deployed) is replaced, so the job is taken over, until it ends or is set aside after {@code
     * worker.maxAttempts}; then the case fails saying so, and the next case has a live worker.
     */
    private static JsonNode awaitEnd(UUID jobId) throws IOException {
        List<String> deaths = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode job = api.get("/api/jobs/" + jobId, partner.apiKey()).json();
            if (List.of("COMPLETED", "FAILED", "CANCELLED").contains(job.path("status").asText())) {
                assertThat(deaths)
                        .as("worker processes that died on this file; the job then ended: %s", job)
                        .isEmpty();
                return job;
            }
            if (!worker.isAlive()) {
                deaths.add("exit " + worker.exitValue() + ": " + lastLines(workerLog));
                startWorker();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "job "
                                + jobId
                                + " did not end in "
                                + WAIT
                                + " (worker deaths: "
                                + deaths
                                + "): "
                                + job);
            }
            Fixtures.sleep(100);
        }
    }

    private static String lastLines(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /**
     * The worker that ran the hostile file is alive, and a normal file after it is stored exactly
     * once.
     */
    private static void assertWorkerRunsANormalJob(String after) throws IOException {
        assertThat(worker.isAlive())
                .as(
                        "the worker process is alive after %s; its log: %s",
                        after, PartnerMessages.abbreviate(Files.readString(workerLog)))
                .isTrue();
        Path normal = Fixtures.numbersCsv(corpus, "normal.csv", NORMAL_RECORDS, NORMAL_BAD_EVERY);
        String jobId = Fixtures.upload(api, partner, normal, numbersSchema);
        JsonNode job =
                Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED", "CANCELLED");
        assertThat(job.get("status").asText())
                .as("a normal job after %s: %s", after, job)
                .isEqualTo("COMPLETED");
        StoredRecords.assertEveryRecordExactlyOnce(
                jdbi, UUID.fromString(jobId), NORMAL_RECORDS, NORMAL_BAD_EVERY);
    }

    private static long jobCount() {
        return api.get("/api/jobs?limit=1", partner.apiKey())
                .json()
                .get("pagination")
                .get("total")
                .asLong();
    }

    private static void assertNamesTheProblem(String message, String problem) {
        assertThat(message).isNotNull();
        assertThat(message.toLowerCase(Locale.ROOT))
                .as(PartnerMessages.abbreviate(message))
                .contains(problem.toLowerCase(Locale.ROOT));
    }
}
