package com.partnerpipeline.app.db;

import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Jobs. Every state change is one conditional statement, so two workers, or a worker and a
 * partner's cancel, can never both win: the database is the truth and the queue only says "look at
 * job X".
 */
@RegisterConstructorMapper(Job.class)
public interface JobDao {
    String SCOPED = "WHERE id = :id AND partner_id = :partnerId";

    @SqlQuery(
            "INSERT INTO jobs (id, partner_id, schema_id, filename, file_size, file_type, sha256, status, file_path) "
                    + "VALUES (:id, :partnerId, :schemaId, :filename, :fileSize, :fileType, :sha256, 'PENDING', :filePath) RETURNING *")
    Job insert(
            @Bind("id") UUID id,
            @Bind("partnerId") UUID partnerId,
            @Bind("schemaId") UUID schemaId,
            @Bind("filename") String filename,
            @Bind("fileSize") long fileSize,
            @Bind("fileType") String fileType,
            @Bind("sha256") String sha256,
            @Bind("filePath") String filePath);

    @SqlQuery("SELECT * FROM jobs WHERE id = :id")
    Optional<Job> find(@Bind("id") UUID id);

    @SqlQuery("SELECT * FROM jobs " + SCOPED)
    Optional<Job> findForPartner(@Bind("id") UUID id, @Bind("partnerId") UUID partnerId);

    @SqlQuery(
            "SELECT * FROM jobs WHERE partner_id = :partnerId AND (CAST(:status AS text) IS NULL OR status = :status) "
                    + "ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
    List<Job> listForPartner(
            @Bind("partnerId") UUID partnerId,
            @Bind("status") JobStatus status,
            @Bind("limit") int limit,
            @Bind("offset") long offset);

    @SqlQuery(
            "SELECT count(*) FROM jobs WHERE partner_id = :partnerId AND (CAST(:status AS text) IS NULL OR status = :status)")
    long countForPartner(@Bind("partnerId") UUID partnerId, @Bind("status") JobStatus status);

    /**
     * Whether a PROCESSING job's holder stopped beating, by the database's clock: workers' clocks
     * may be off.
     */
    String STALE = "heartbeat_at < now() - :staleAfterMillis * interval '1 millisecond'";

    /**
     * The current holder, and only it: a claim changes the lease, so a holder taken over can write
     * nothing.
     */
    String HELD = "WHERE id = :id AND lease = :lease AND status = 'PROCESSING'";

    /**
     * Takes a job that is PENDING, or PROCESSING under a holder that stopped beating, with a new
     * lease; empty when another holds it, it has ended, or it has used up its attempts (see {@link
     * #quarantine}).
     */
    @SqlQuery(
            "UPDATE jobs SET status = 'PROCESSING', worker_id = :workerId, heartbeat_at = now(), updated_at = now(), "
                    + "started_at = COALESCE(started_at, now()), attempts = attempts + 1, lease = lease + 1 "
                    + "WHERE id = :id AND attempts < :maxAttempts AND (status = 'PENDING' OR (status = 'PROCESSING' AND "
                    + STALE
                    + ")) RETURNING *")
    Optional<Job> claim(
            @Bind("id") UUID id,
            @Bind("workerId") String workerId,
            @Bind("staleAfterMillis") long staleAfterMillis,
            @Bind("maxAttempts") int maxAttempts);

    /**
     * Ends as FAILED a job whose runs stopped their workers {@code maxAttempts} times (a crash,
     * running out of memory, a freeze), so it cannot take down one worker after another; empty when
     * it is not such a job.
     */
    @SqlQuery(
            "UPDATE jobs SET status = 'FAILED', error_message = :message, completed_at = now(), updated_at = now(), "
                    + "worker_id = NULL, heartbeat_at = NULL WHERE id = :id AND attempts >= :maxAttempts "
                    + "AND (status = 'PENDING' OR (status = 'PROCESSING' AND "
                    + STALE
                    + ")) RETURNING *")
    Optional<Job> quarantine(
            @Bind("id") UUID id,
            @Bind("staleAfterMillis") long staleAfterMillis,
            @Bind("maxAttempts") int maxAttempts,
            @Bind("message") String message);

    /**
     * Ends the database sessions a stale holder of the job left behind, so a takeover never waits
     * on their locks: a frozen worker's transaction can sit inside a COPY, where no statement or
     * idle timeout reaches it.
     *
     * @param sessionName the {@code application_name} the job's writers set, see {@link
     *     JobBatchWriter}
     * @return how many sessions were ended
     */
    @SqlQuery(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(a.pid) AS ended FROM pg_stat_activity a, jobs j "
                    + "WHERE j.id = :id AND j.status = 'PROCESSING' AND j."
                    + STALE
                    + " AND a.application_name = :sessionName "
                    + "AND a.pid <> pg_backend_pid()) sessions WHERE ended")
    int endStaleSessions(
            @Bind("id") UUID id,
            @Bind("sessionName") String sessionName,
            @Bind("staleAfterMillis") long staleAfterMillis);

    /**
     * Proof of life and progress; 0 when the job is no longer this holder's (cancelled, or taken
     * over).
     */
    @SqlUpdate(
            "UPDATE jobs SET heartbeat_at = now(), updated_at = now(), progress = :progress "
                    + HELD)
    int heartbeat(@Bind("id") UUID id, @Bind("lease") long lease, @Bind("progress") int progress);

    /**
     * The resume point the database holds for this holder, the job's row locked until the batch
     * transaction ends; empty when the job is no longer this holder's.
     */
    @SqlQuery("SELECT last_record_index FROM jobs " + HELD + " FOR UPDATE")
    Optional<Long> lockResumePoint(@Bind("id") UUID id, @Bind("lease") long lease);

    /**
     * Records one committed batch that continues from {@code previousIndex}; 0 when the job is no
     * longer this holder's or the stored resume point is not where the batch starts, and then the
     * batch must roll back.
     */
    @SqlUpdate(
            "UPDATE jobs SET records_processed = records_processed + :processed, records_failed = records_failed + :failed, "
                    + "last_record_index = :lastIndex, updated_at = now() "
                    + HELD
                    + " AND last_record_index = :previousIndex")
    int recordBatch(
            @Bind("id") UUID id,
            @Bind("lease") long lease,
            @Bind("processed") long processed,
            @Bind("failed") long failed,
            @Bind("previousIndex") long previousIndex,
            @Bind("lastIndex") long lastIndex);

    /**
     * Ends a job as COMPLETED (total = records processed) if this holder has it and the database
     * holds every batch up to {@code lastIndex}: 0 otherwise, and a job still held then lost
     * batches to a database crash.
     */
    @SqlUpdate(
            "UPDATE jobs SET status = 'COMPLETED', progress = 100, records_total = records_processed, "
                    + "completed_at = now(), updated_at = now(), worker_id = NULL, heartbeat_at = NULL, file_path = NULL "
                    + HELD
                    + " AND last_record_index = :lastIndex")
    int complete(@Bind("id") UUID id, @Bind("lease") long lease, @Bind("lastIndex") long lastIndex);

    /** Ends a job this holder has as FAILED with a message; its file is kept for a retry. */
    @SqlUpdate(
            "UPDATE jobs SET status = 'FAILED', error_message = :message, completed_at = now(), updated_at = now(), "
                    + "worker_id = NULL, heartbeat_at = NULL "
                    + HELD)
    int fail(@Bind("id") UUID id, @Bind("lease") long lease, @Bind("message") String errorMessage);

    /**
     * Hands a job back as PENDING, to be resumed after its last committed batch. A clean hand-back
     * (this worker is stopping) does not count as an attempt; one after the run broke down does,
     * towards {@link #quarantine}.
     */
    @SqlUpdate(
            "UPDATE jobs SET status = 'PENDING', worker_id = NULL, heartbeat_at = NULL, updated_at = now(), "
                    + "attempts = attempts - CASE WHEN :clean THEN 1 ELSE 0 END "
                    + HELD)
    int handBack(@Bind("id") UUID id, @Bind("lease") long lease, @Bind("clean") boolean clean);

    /**
     * A partner's cancel, if {@link JobStatus#canBeCancelled} holds for the job's status when it is
     * applied.
     */
    default Optional<Job> cancel(UUID id, UUID partnerId) {
        return cancel(id, partnerId, JobStatus.cancellable());
    }

    @SqlQuery(
            "UPDATE jobs SET status = 'CANCELLED', completed_at = now(), updated_at = now(), worker_id = NULL "
                    + SCOPED
                    + " AND status IN (<from>) RETURNING *")
    Optional<Job> cancel(
            @Bind("id") UUID id,
            @Bind("partnerId") UUID partnerId,
            @BindList("from") List<JobStatus> from);

    @SqlUpdate(
            "UPDATE jobs SET status = 'PENDING', progress = 0, records_total = NULL, records_processed = 0, "
                    + "records_failed = 0, error_message = NULL, started_at = NULL, completed_at = NULL, updated_at = now(), "
                    + "worker_id = NULL, heartbeat_at = NULL, last_record_index = -1, attempts = 0 "
                    + SCOPED
                    + " AND status IN (<from>) AND file_path IS NOT NULL")
    int resetFailed(
            @Bind("id") UUID id,
            @Bind("partnerId") UUID partnerId,
            @BindList("from") List<JobStatus> from);

    @SqlUpdate("DELETE FROM processing_errors WHERE job_id = :id")
    void deleteErrors(@Bind("id") UUID id);

    @SqlUpdate("DELETE FROM processed_records WHERE job_id = :id")
    void deleteRecords(@Bind("id") UUID id);

    /**
     * A partner's retry, if {@link JobStatus#canBeRetried} holds for the job's status when it is
     * applied and its file is still kept (the retention sweep may remove it at any moment): the job
     * loses its errors and records and is PENDING again, all or nothing.
     */
    @Transaction
    default boolean resetForRetry(UUID id, UUID partnerId) {
        if (resetFailed(id, partnerId, JobStatus.retryable()) == 0) {
            return false;
        }
        deleteErrors(id);
        deleteRecords(id);
        return true;
    }

    /**
     * PENDING jobs untouched for {@code idleMillis}; touched, so the next sweep leaves them be for
     * a while.
     */
    @SqlQuery(
            "UPDATE jobs SET updated_at = now() WHERE status = 'PENDING' "
                    + "AND updated_at < now() - :idleMillis * interval '1 millisecond' RETURNING id")
    List<UUID> touchIdlePending(@Bind("idleMillis") long idleMillis);

    /**
     * PROCESSING jobs whose holder stopped beating. Only read, never locked or updated: a frozen
     * holder may still hold the row's lock, and looking must not wait for it.
     */
    @SqlQuery("SELECT id FROM jobs WHERE status = 'PROCESSING' AND " + STALE)
    List<UUID> abandoned(@Bind("staleAfterMillis") long staleAfterMillis);

    @SqlQuery("SELECT status, count(*) AS jobs FROM jobs GROUP BY status")
    @KeyColumn("status")
    @ValueColumn("jobs")
    Map<JobStatus, Long> countByStatus();

    @SqlQuery("SELECT count(*) FROM jobs WHERE status = 'PENDING'")
    long countPending();

    /**
     * Jobs whose file is no longer needed: CANCELLED ones, and FAILED ones past their retention.
     */
    @SqlQuery(
            "SELECT * FROM jobs WHERE file_path IS NOT NULL AND worker_id IS NULL "
                    + "AND (status = 'CANCELLED' OR (status = 'FAILED' "
                    + "AND completed_at < now() - :retentionMillis * interval '1 millisecond'))")
    List<Job> withExpiredFiles(@Bind("retentionMillis") long retentionMillis);

    @SqlUpdate("UPDATE jobs SET file_path = NULL WHERE id = :id")
    void forgetFile(@Bind("id") UUID id);

    @SqlQuery("SELECT status FROM jobs WHERE id = :id")
    Optional<JobStatus> status(@Bind("id") UUID id);
}
