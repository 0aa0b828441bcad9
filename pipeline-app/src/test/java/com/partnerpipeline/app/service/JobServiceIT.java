package com.partnerpipeline.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.domain.CancelSignals;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobEvent;
import com.partnerpipeline.app.domain.JobStatus;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.app.upload.UploadStore;
import com.partnerpipeline.schema.SchemaLimits;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job rules against a real PostgreSQL: what the API and the commands get from {@link
 * JobService}, and that every refused change leaves the job as it was.
 */
class JobServiceIT {
    private static final TestEnvironment ENV = TestEnvironment.create("redis://127.0.0.1:1");
    private static Jdbi jdbi;
    private static JobDao jobs;
    private static UUID partner;
    private static UUID otherPartner;
    private static String schemaId;

    private final List<UUID> queued = new CopyOnWriteArrayList<>();
    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private JobService service;

    @BeforeAll
    static void partnersAndSchema() throws Exception {
        jdbi = ENV.jdbi();
        jobs = jdbi.onDemand(JobDao.class);
        partner = Fixtures.partner(jdbi, "Acme").id();
        otherPartner = Fixtures.partner(jdbi, "Other").id();
        ObjectMapper json = new ObjectMapper();
        schemaId =
                new SchemaRegistry(jdbi.onDemand(SchemaDao.class), json, SchemaLimits.DEFAULTS)
                        .register(
                                partner,
                                json.readTree(
                                        Fixtures.SAMPLES.resolve("customers.schema.json").toFile()))
                        .id()
                        .toString();
    }

    private JobService service() {
        if (service == null) {
            service =
                    new JobService(
                            jobs,
                            jdbi.onDemand(SchemaDao.class),
                            queued::add,
                            CancelSignals.NONE,
                            events::add);
        }
        return service;
    }

    private Job newJob() throws Exception {
        return service()
                .create(
                        UUID.randomUUID(),
                        partner,
                        schemaId,
                        UploadStore.describe(Fixtures.SAMPLES.resolve("customers.csv")));
    }

    @Test
    void aCreatedJobIsPendingAndQueuedOnce() throws Exception {
        Job job = newJob();

        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.fileType()).isEqualTo("csv");
        assertThat(job.filename()).isEqualTo("customers.csv");
        assertThat(queued).containsExactly(job.id());
    }

    @Test
    void aJobNeedsAKnownSchemaOfItsOwnPartner() throws Exception {
        var file = UploadStore.describe(Fixtures.SAMPLES.resolve("customers.csv"));

        assertRefused(
                () -> service().create(UUID.randomUUID(), partner, " ", file),
                Refusal.Kind.INVALID,
                "schemaId is required");
        assertRefused(
                () -> service().create(UUID.randomUUID(), otherPartner, schemaId, file),
                Refusal.Kind.NOT_FOUND,
                "Schema not found");
        assertRefused(
                () -> service().create(UUID.randomUUID(), partner, "not-an-id", file),
                Refusal.Kind.NOT_FOUND,
                "Schema not found");
        assertThat(queued).isEmpty();
    }

    @Test
    void anotherPartnersJobOrAnIdThatIsNotOneIsNotFound() throws Exception {
        Job job = newJob();

        assertRefused(
                () -> service().cancel(otherPartner, job.id().toString()),
                Refusal.Kind.NOT_FOUND,
                "Job not found");
        assertRefused(
                () -> service().retry(partner, "42"), Refusal.Kind.NOT_FOUND, "Job not found");
        assertThat(jobs.status(job.id())).contains(JobStatus.PENDING);
    }

    @Test
    void aJobThatHasNotEndedIsCancelledOnceAndItsWatchersAreTold() throws Exception {
        Job job = newJob();

        Job cancelled = service().cancel(partner, job.id().toString());

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(events)
                .singleElement()
                .isInstanceOfSatisfying(
                        JobEvent.Completed.class,
                        event -> assertThat(event.status()).isEqualTo(JobStatus.CANCELLED));
        assertRefused(
                () -> service().cancel(partner, job.id().toString()),
                Refusal.Kind.INVALID,
                "only PENDING or PROCESSING jobs can be cancelled; this one is CANCELLED");
        assertRefused(
                () -> service().retry(partner, job.id().toString()),
                Refusal.Kind.INVALID,
                "only FAILED jobs can be retried; this one is CANCELLED");
    }

    @Test
    void aFailedJobWithItsFileIsRetriedFromItsStart() throws Exception {
        Job job = newJob();
        fail(job, "error threshold exceeded");
        jdbi.useHandle(
                handle ->
                        handle.execute(
                                "INSERT INTO processed_records (job_id, record_index, data) "
                                        + "VALUES (?, 0, '{}')",
                                job.id()));

        Job retried = service().retry(partner, job.id().toString());

        assertThat(retried.status()).isEqualTo(JobStatus.PENDING);
        assertThat(retried.errorMessage()).isNull();
        assertThat(retried.recordsProcessed()).isZero();
        assertThat(queued).containsExactly(job.id(), job.id());
        long records =
                jdbi.withHandle(
                        handle ->
                                handle.select(
                                                "SELECT count(*) FROM processed_records WHERE job_id = ?",
                                                job.id())
                                        .mapTo(Long.class)
                                        .one());
        assertThat(records).isZero();
    }

    /** Also when the retention sweep removes the file between the partner's read and the retry. */
    @Test
    void aFailedJobWhoseFileIsGoneIsNotRetriedAndStaysFailed() throws Exception {
        Job job = newJob();
        fail(job, "error threshold exceeded");
        jobs.forgetFile(job.id());

        assertRefused(
                () -> service().retry(partner, job.id().toString()),
                Refusal.Kind.INVALID,
                "the file of this job was removed after the retention period; upload it again");
        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        assertThat(jobs.resetForRetry(job.id(), partner))
                .as("the database refuses it too, whoever asks")
                .isFalse();
        assertThat(queued).containsExactly(job.id());
    }

    private static void fail(Job job, String message) {
        jdbi.useHandle(
                handle ->
                        handle.execute(
                                "UPDATE jobs SET status = 'FAILED', error_message = ?, "
                                        + "completed_at = now() WHERE id = ?",
                                message,
                                job.id()));
    }

    private static void assertRefused(Runnable call, Refusal.Kind kind, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal -> {
                            assertThat(refusal.kind()).isEqualTo(kind);
                            assertThat(refusal.getMessage()).isEqualTo(message);
                        });
    }
}
