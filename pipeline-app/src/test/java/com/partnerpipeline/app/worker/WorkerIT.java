package com.partnerpipeline.app.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.app.Infrastructure;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.db.JobBatchWriter;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.redis.JobQueue;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.AppProcess;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.StoredRecords;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.app.testing.TestServices;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Workers against a real PostgreSQL and Redis: cancel, crash, hand-back and the sweep. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkerIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(PipelineApplication.class, ENV.configFile().toString());
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int RECORDS = 200_000;
    private static final int BAD_EVERY = 97;

    private static ApiClient api;
    private static Jdbi jdbi;
    private static TestPartner partner;
    private static String schema;
    private final List<Worker> workers = new ArrayList<>();

    /**
     * Worker subprocesses, killed after each test whatever it asserted, so a failed test leaks no
     * process.
     */
    private final List<Process> processes = new ArrayList<>();

    @TempDir Path dir;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<PipelineApplication>getApplication().infrastructure().jdbi();
        partner = Fixtures.partner(jdbi, "Workers");
        schema = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
    }

    @AfterEach
    void stopWorkers() throws Exception {
        for (Process process : processes) {
            signal(process, "CONT");
            process.destroyForcibly().waitFor();
        }
        for (Worker worker : workers) {
            worker.stop();
        }
    }

    private Worker worker(String name) {
        Infrastructure infrastructure = APP.<PipelineApplication>getApplication().infrastructure();
        Worker worker = Fixtures.startWorker(infrastructure, APP.getConfiguration(), name);
        workers.add(worker);
        return worker;
    }

    private String uploadBigFile() {
        return Fixtures.upload(
                api, partner, Fixtures.numbersCsv(dir, "big.csv", RECORDS, BAD_EVERY), schema);
    }

    private static void assertEveryRecordExactlyOnce(String jobId) {
        StoredRecords.assertEveryRecordExactlyOnce(
                jdbi, UUID.fromString(jobId), RECORDS, BAD_EVERY);
    }

    private static void assertCountersMatchRows(String jobId) {
        StoredRecords.assertCountersMatchRows(jdbi, UUID.fromString(jobId));
    }

    @Test
    void cancelledPendingJobIsNeverProcessedAndItsFileIsRemoved() {
        String jobId =
                Fixtures.upload(
                        api, partner, Fixtures.numbersCsv(dir, "small.csv", 100, 0), schema);
        ApiClient.Response cancel =
                api.post("/api/jobs/" + jobId + "/cancel", partner.apiKey(), null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().get("status").asText()).isEqualTo("CANCELLED");

        worker("cancel-pending");
        Fixtures.sleep(2_500); // a sweep and a queue poll have passed

        JsonNode job = api.get("/api/jobs/" + jobId, partner.apiKey()).json();
        assertThat(job.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(job.get("recordsProcessed").asLong()).isZero();
        assertThat(job.has("startedAt")).isFalse();
        assertThat(
                        count(
                                "SELECT count(*) FROM processed_records WHERE job_id = ?",
                                UUID.fromString(jobId)))
                .isZero();
        assertThat(ENV.uploadDirectory().resolve(jobId + ".csv")).doesNotExist();
    }

    @Test
    void cancelStopsARunningJobPromptlyAndKeepsWhatWasCommitted() {
        worker("cancel-running");
        String jobId = uploadBigFile();
        Fixtures.awaitProcessed(api, partner, jobId, 5_000, WAIT);

        ApiClient.Response cancel =
                api.post("/api/jobs/" + jobId + "/cancel", partner.apiKey(), null);
        assertThat(cancel.json().get("status").asText()).isEqualTo("CANCELLED");
        Fixtures.sleep(1_000);
        long afterOneSecond =
                api.get("/api/jobs/" + jobId, partner.apiKey())
                        .json()
                        .get("recordsProcessed")
                        .asLong();
        Fixtures.sleep(1_500);
        JsonNode job = api.get("/api/jobs/" + jobId, partner.apiKey()).json();

        assertThat(job.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(job.get("recordsProcessed").asLong())
                .as("nothing is written a second after the cancel")
                .isEqualTo(afterOneSecond)
                .isLessThan(RECORDS);
        assertCountersMatchRows(jobId);
        assertThat(ENV.uploadDirectory().resolve(jobId + ".csv")).doesNotExist();
    }

    private Process workerProcess(String log) {
        return workerProcess(log, Map.of());
    }

    private Process workerProcess(String log, Map<String, String> environment) {
        Process process =
                AppProcess.start("worker", ENV.configFile(), environment, dir.resolve(log));
        processes.add(process);
        return process;
    }

    @Test
    void sigtermMakesAWorkerProcessHandItsJobBackAndExit() throws Exception {
        String jobId = uploadBigFile();
        Process worker = workerProcess("terminated-worker.log");
        Fixtures.awaitProcessed(api, partner, jobId, 10_000, WAIT);

        worker.destroy(); // SIGTERM
        assertThat(worker.waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
                .as("the worker exits by itself")
                .isTrue();
        assertThat(worker.exitValue()).isZero();

        JsonNode handedBack = api.get("/api/jobs/" + jobId, partner.apiKey()).json();
        assertThat(handedBack.get("status").asText()).isEqualTo("PENDING");
        assertCountersMatchRows(jobId);

        worker("after-sigterm");
        assertThat(
                        Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED")
                                .get("status")
                                .asText())
                .isEqualTo("COMPLETED");
        assertEveryRecordExactlyOnce(jobId);
    }

    @Test
    void secondSignalEndsAWorkerAtOnceAndNothingIsLostEitherWay() throws Exception {
        String jobId = uploadBigFile();
        Process worker = workerProcess("impatient-worker.log");
        Fixtures.awaitProcessed(api, partner, jobId, 10_000, WAIT);

        worker.destroy();
        worker.destroy(); // a second SIGTERM: halt without waiting, unless the graceful stop was
        // quicker still
        assertThat(worker.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isIn(0, 130);

        worker("after-impatience");
        assertThat(
                        Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED")
                                .get("status")
                                .asText())
                .isEqualTo("COMPLETED");
        assertEveryRecordExactlyOnce(jobId);
    }

    @Test
    void jobOfAKilledWorkerIsFinishedByAnotherWithEveryRecordExactlyOnce() throws Exception {
        String jobId = uploadBigFile();
        Process doomed = workerProcess("doomed-worker.log");
        try {
            Fixtures.awaitProcessed(api, partner, jobId, 20_000, WAIT);
        } finally {
            doomed.destroyForcibly().waitFor(); // SIGKILL: no batch finished, no hand-back
        }
        JsonNode orphaned = api.get("/api/jobs/" + jobId, partner.apiKey()).json();
        assertThat(orphaned.get("status").asText()).isEqualTo("PROCESSING");
        assertThat(orphaned.get("recordsProcessed").asLong()).isLessThan(RECORDS);

        worker("survivor");
        JsonNode job = Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED");

        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("recordsProcessed").asLong()).isEqualTo(RECORDS);
        assertThat(attempts(jobId)).isEqualTo(2);
        assertEveryRecordExactlyOnce(jobId);
    }

    @Test
    void stoppingWorkerHandsItsJobBackAndTheNextOneResumesIt() throws Exception {
        Worker first = worker("stopping");
        String jobId = uploadBigFile();
        Fixtures.awaitProcessed(api, partner, jobId, 5_000, WAIT);

        first.stop();
        workers.remove(first);
        JsonNode handedBack = api.get("/api/jobs/" + jobId, partner.apiKey()).json();
        assertThat(handedBack.get("status").asText()).isEqualTo("PENDING");
        assertCountersMatchRows(jobId);

        worker("resuming");
        JsonNode job = Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED");

        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertEveryRecordExactlyOnce(jobId);
    }

    @Test
    void databaseBlipDuringAJobIsRetriedNotTurnedIntoAFailure() throws Exception {
        worker("blip");
        String jobId = uploadBigFile();
        Fixtures.awaitProcessed(api, partner, jobId, 5_000, WAIT);

        TestServices.Postgres server = TestServices.postgres();
        try (Connection admin =
                        DriverManager.getConnection(
                                server.adminUrl(), server.user(), server.password());
                Statement statement = admin.createStatement()) {
            String database = ENV.databaseUrl().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
            statement.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                            + database
                            + "'");
        }

        JsonNode job = Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED");
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertEveryRecordExactlyOnce(jobId);
    }

    /**
     * What a PostgreSQL crash does to asynchronously committed batches: the job's resume point and
     * its last batches go back together while the worker, which survived, has gone further. The
     * worker must notice and resume from what the database has, never write on top of the hole.
     */
    @Test
    void batchesLostByTheDatabaseAreWrittenAgainNotSkipped() throws Exception {
        worker("rewound");
        String jobId = uploadBigFile();
        UUID id = UUID.fromString(jobId);
        int rewinds = 0;
        for (int round = 1; round <= 3; round++) {
            Fixtures.awaitProcessed(api, partner, jobId, round * 30_000L, WAIT);
            rewinds +=
                    jdbi.inTransaction(
                            handle -> {
                                Long last =
                                        handle.select(
                                                        "SELECT last_record_index FROM jobs WHERE id = ? AND status = 'PROCESSING' "
                                                                + "FOR UPDATE",
                                                        id)
                                                .mapTo(Long.class)
                                                .findOne()
                                                .orElse(null);
                                if (last == null) {
                                    return 0;
                                }
                                long rewoundTo = last - 1_000;
                                handle.execute(
                                        "DELETE FROM processed_records WHERE job_id = ? AND record_index > ?",
                                        id,
                                        rewoundTo);
                                handle.execute(
                                        "DELETE FROM processing_errors WHERE job_id = ? AND record_index > ?",
                                        id,
                                        rewoundTo);
                                handle.execute(
                                        "UPDATE jobs SET last_record_index = ?, records_processed = ?, records_failed = "
                                                + "(SELECT count(DISTINCT record_index) FROM processing_errors WHERE job_id = ?) WHERE id = ?",
                                        rewoundTo,
                                        rewoundTo + 1,
                                        id,
                                        id);
                                return 1;
                            });
        }
        assertThat(rewinds).as("the database went back while the job ran").isPositive();

        JsonNode job = Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED");
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("recordsTotal").asLong()).isEqualTo(RECORDS);
        assertEveryRecordExactlyOnce(jobId);
    }

    @Test
    void frozenWorkerIsTakenOverDuringTheFreezeAndWritesNothingWhenItWakes() throws Exception {
        String jobId = uploadBigFile();
        Process frozen = workerProcess("frozen-worker.log");
        Fixtures.awaitProcessed(api, partner, jobId, 10_000, WAIT);
        signal(frozen, "STOP"); // a GC pause, a VM freeze, a partition: it may be inside a batch
        // transaction
        long atFreeze = processed(jobId);

        worker("during-the-freeze");
        Fixtures.awaitProcessed(api, partner, jobId, atFreeze + 20_000, WAIT);
        assertThat(frozen.isAlive())
                .as("the other worker went on while this one was frozen")
                .isTrue();
        signal(frozen, "CONT");

        JsonNode job = Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED");
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        Fixtures.sleep(1_000); // the thawed worker's last attempts to write
        assertEveryRecordExactlyOnce(jobId);
        assertThat(attempts(jobId)).isEqualTo(2);
    }

    /**
     * A holder frozen inside a batch transaction keeps the job's row and the records it wrote
     * locked; the next holder ends that session instead of waiting for it.
     */
    @Test
    void takeoverEndsTheSessionAFrozenHolderLeftInsideABatch() throws Exception {
        UUID jobId = insertJob(1_000, "frozen-holder.csv");
        jdbi.useHandle(
                handle ->
                        handle.execute(
                                "UPDATE jobs SET status = 'PROCESSING', worker_id = 'frozen', attempts = 1, "
                                        + "lease = 1, heartbeat_at = now() - interval '1 hour' WHERE id = ?",
                                jobId));
        try (Connection frozen = ENV.connect();
                Statement batch = frozen.createStatement()) {
            frozen.setAutoCommit(false);
            batch.execute("SET application_name = '" + JobBatchWriter.sessionName(jobId) + "'");
            batch.execute(
                    "SELECT last_record_index FROM jobs WHERE id = '" + jobId + "' FOR UPDATE");
            batch.execute(
                    "INSERT INTO processed_records (job_id, record_index, data) VALUES ('"
                            + jobId
                            + "', 0, '{}')");

            worker("rescuer");
            JsonNode job =
                    Fixtures.awaitStatus(
                            api, partner, jobId.toString(), WAIT, "COMPLETED", "FAILED");

            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
            assertThat(job.get("recordsProcessed").asLong()).isEqualTo(1_000);
            assertThat(
                            count(
                                    "SELECT count(DISTINCT record_index) FROM processed_records WHERE job_id = ?",
                                    jobId))
                    .isEqualTo(1_000);
            assertThat(frozen.isValid(2)).as("the frozen holder's session was ended").isFalse();
        }
    }

    /**
     * A skewed clock once made a second thread of the same process take a job the first was
     * running.
     */
    @Test
    void aThreadNeverClaimsAJobItsOwnProcessIsRunning() {
        worker("one-process");
        String jobId = uploadBigFile();
        UUID id = UUID.fromString(jobId);
        Fixtures.awaitProcessed(api, partner, jobId, 5_000, WAIT);
        JobQueue queue = APP.<PipelineApplication>getApplication().infrastructure().queue();
        for (int i = 0;
                i < 20 && "PROCESSING".equals(status(jobId));
                i++) { // as the skewed clock saw it: stale
            jdbi.useHandle(
                    handle ->
                            handle.execute(
                                    "UPDATE jobs SET heartbeat_at = now() - interval '1 hour' WHERE id = ?",
                                    id));
            queue.enqueue(id);
            Fixtures.sleep(50);
        }

        JsonNode job = Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED");
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertEveryRecordExactlyOnce(jobId);
        assertThat(attempts(jobId)).isEqualTo(1);
    }

    /**
     * A worker whose clock runs 90 s ahead (libfaketime, Debian's {@code faketime}, which .ci/run
     * installs) neither steals a healthy worker's live job nor gives up its own: staleness is
     * judged by the database's clock.
     */
    @Test
    void workerWithASkewedClockStealsNoLiveJobAndKeepsItsOwn() throws Exception {
        Path faketime =
                Stream.of(
                                "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
                                "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
                                "/usr/lib/faketime/libfaketimeMT.so.1")
                        .map(Path::of)
                        .filter(Files::isRegularFile)
                        .findFirst()
                        .orElse(null);
        assumeTrue(faketime != null, "libfaketime is not installed (apt-get install faketime)");
        worker("honest");
        String honestJob = uploadBigFile();
        Fixtures.awaitProcessed(api, partner, honestJob, 5_000, WAIT);

        Process skewed =
                workerProcess(
                        "skewed-worker.log",
                        Map.of(
                                "LD_PRELOAD",
                                faketime.toString(),
                                "FAKETIME",
                                "+90s",
                                "FAKETIME_DONT_FAKE_MONOTONIC",
                                "1"));
        String skewedJob =
                uploadBigFile(); // the honest worker's two threads may take it too: either way,
        // once
        for (String jobId : List.of(honestJob, skewedJob)) {
            JsonNode job = Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED");
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
            assertEveryRecordExactlyOnce(jobId);
            assertThat(attempts(jobId)).as("taken once, never stolen").isEqualTo(1);
        }
        assertThat(skewed.isAlive()).isTrue();
    }

    @Test
    void jobWhoseRunsStoppedTheirWorkersMaxAttemptsTimesIsSetAsideUntilRetried() {
        UUID jobId = insertJob(1_000, "poison.csv"); // as if three workers had died on it
        jdbi.useHandle(
                handle ->
                        handle.execute(
                                "UPDATE jobs SET status = 'PROCESSING', worker_id = 'dead', attempts = 3, "
                                        + "lease = 3, heartbeat_at = now() - interval '1 hour' WHERE id = ?",
                                jobId));

        worker("careful");
        JsonNode job =
                Fixtures.awaitStatus(api, partner, jobId.toString(), WAIT, "COMPLETED", "FAILED");

        assertThat(job.get("status").asText()).isEqualTo("FAILED");
        assertThat(job.get("errorMessage").asText())
                .isEqualTo(
                        "the job was set aside after its processing stopped 3 "
                                + "times without finishing (the worker crashed, ran out of memory or froze); check the file, then retry the job");
        assertThat(count("SELECT count(*) FROM processed_records WHERE job_id = ?", jobId))
                .isZero();
        Fixtures.sleep(2_500); // sweeps and takeover checks pass: nothing queues it again
        assertThat(status(jobId.toString())).isEqualTo("FAILED");

        assertThat(api.post("/api/jobs/" + jobId + "/retry", partner.apiKey(), null).status())
                .isEqualTo(200);
        JsonNode retried =
                Fixtures.awaitStatus(api, partner, jobId.toString(), WAIT, "COMPLETED", "FAILED");
        assertThat(retried.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(retried.get("recordsProcessed").asLong()).isEqualTo(1_000);
        assertThat(attempts(jobId.toString())).isEqualTo(1);
    }

    /**
     * A job row and its file in the upload directory, PENDING, with no queue message (as if Redis
     * had lost it).
     */
    private UUID insertJob(int records, String name) {
        try {
            UUID jobId = UUID.randomUUID();
            Files.createDirectories(ENV.uploadDirectory());
            Path file =
                    Files.copy(
                            Fixtures.numbersCsv(dir, name, records, 0),
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signal(Process process, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    private static long processed(String jobId) {
        return api.get("/api/jobs/" + jobId, partner.apiKey())
                .json()
                .get("recordsProcessed")
                .asLong();
    }

    private static String status(String jobId) {
        return api.get("/api/jobs/" + jobId, partner.apiKey()).json().get("status").asText();
    }

    @Test
    void pendingJobMissingFromTheQueueIsQueuedAgainBySweep() throws Exception {
        UUID jobId = insertJob(1_000, "lost.csv");

        worker("sweeper");
        JsonNode job = Fixtures.awaitStatus(api, partner, jobId.toString(), WAIT, "COMPLETED");

        assertThat(job.get("recordsProcessed").asLong()).isEqualTo(1_000);
    }

    private static long attempts(UUID jobId) {
        return attempts(jobId.toString());
    }

    private static long attempts(String jobId) {
        return jdbi.withHandle(
                handle ->
                        handle.select(
                                        "SELECT attempts FROM jobs WHERE id = ?",
                                        UUID.fromString(jobId))
                                .mapTo(Long.class)
                                .one());
    }

    private static long count(String sql, UUID id) {
        return StoredRecords.count(jdbi, sql, id);
    }
}
