package com.partnerpipeline.app.db;

import com.partnerpipeline.app.core.Job;
import com.partnerpipeline.app.core.JobStatus;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Jobs. Every state change is one conditional statement, so two workers, or a worker and a partner's cancel,
 * can never both win: the database is the truth and the queue only says "look at job X".
 */
@RegisterConstructorMapper(Job.class)
public interface JobDao {
    String SCOPED = "WHERE id = :id AND partner_id = :partnerId";

    @SqlQuery("INSERT INTO jobs (id, partner_id, schema_id, filename, file_size, file_type, sha256, status, file_path) "
            + "VALUES (:id, :partnerId, :schemaId, :filename, :fileSize, :fileType, :sha256, 'PENDING', :filePath) RETURNING *")
    Job insert(@Bind("id") UUID id, @Bind("partnerId") UUID partnerId, @Bind("schemaId") UUID schemaId,
               @Bind("filename") String filename, @Bind("fileSize") long fileSize, @Bind("fileType") String fileType,
               @Bind("sha256") String sha256, @Bind("filePath") String filePath);

    @SqlQuery("SELECT * FROM jobs WHERE id = :id")
    Optional<Job> find(@Bind("id") UUID id);

    @SqlQuery("SELECT * FROM jobs " + SCOPED)
    Optional<Job> findForPartner(@Bind("id") UUID id, @Bind("partnerId") UUID partnerId);

    @SqlQuery("SELECT * FROM jobs WHERE partner_id = :partnerId AND (CAST(:status AS text) IS NULL OR status = :status) "
            + "ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
    List<Job> listForPartner(@Bind("partnerId") UUID partnerId, @Bind("status") JobStatus status,
                             @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM jobs WHERE partner_id = :partnerId AND (CAST(:status AS text) IS NULL OR status = :status)")
    long countForPartner(@Bind("partnerId") UUID partnerId, @Bind("status") JobStatus status);

    /** Takes a job that is PENDING, or PROCESSING under a worker that stopped beating; empty when another holds it. */
    @SqlQuery("UPDATE jobs SET status = 'PROCESSING', worker_id = :workerId, heartbeat_at = now(), updated_at = now(), "
            + "started_at = COALESCE(started_at, now()), attempts = attempts + 1 "
            + "WHERE id = :id AND (status = 'PENDING' OR (status = 'PROCESSING' AND heartbeat_at < :staleBefore)) RETURNING *")
    Optional<Job> claim(@Bind("id") UUID id, @Bind("workerId") String workerId, @Bind("staleBefore") Instant staleBefore);

    /** Proof of life and progress; 0 when the job is no longer this worker's (cancelled, or taken over). */
    @SqlUpdate("UPDATE jobs SET heartbeat_at = now(), updated_at = now(), progress = :progress "
            + "WHERE id = :id AND worker_id = :workerId AND status = 'PROCESSING'")
    int heartbeat(@Bind("id") UUID id, @Bind("workerId") String workerId, @Bind("progress") int progress);

    /** Records one committed batch; 0 when the job is no longer this worker's, and then the batch must roll back. */
    @SqlUpdate("UPDATE jobs SET records_processed = records_processed + :processed, records_failed = records_failed + :failed, "
            + "last_record_index = :lastIndex, updated_at = now() WHERE id = :id AND worker_id = :workerId AND status = 'PROCESSING'")
    int recordBatch(@Bind("id") UUID id, @Bind("workerId") String workerId, @Bind("processed") long processed,
                    @Bind("failed") long failed, @Bind("lastIndex") long lastIndex);

    /** Ends a job this worker holds: COMPLETED (total = records processed) or FAILED with a message. */
    @SqlUpdate("UPDATE jobs SET status = :status, progress = CASE WHEN :status = 'COMPLETED' THEN 100 ELSE progress END, "
            + "records_total = CASE WHEN :status = 'COMPLETED' THEN records_processed ELSE records_total END, "
            + "error_message = :message, completed_at = now(), updated_at = now(), worker_id = NULL, heartbeat_at = NULL, "
            + "file_path = CASE WHEN :status = 'FAILED' THEN file_path ELSE NULL END "
            + "WHERE id = :id AND worker_id = :workerId AND status = 'PROCESSING'")
    int finish(@Bind("id") UUID id, @Bind("workerId") String workerId, @Bind("status") JobStatus status,
               @Bind("message") String errorMessage);

    /** Hands a job back on shutdown: PENDING again, to be resumed after its last committed batch. */
    @SqlUpdate("UPDATE jobs SET status = 'PENDING', worker_id = NULL, heartbeat_at = NULL, updated_at = now() "
            + "WHERE id = :id AND worker_id = :workerId AND status = 'PROCESSING'")
    int release(@Bind("id") UUID id, @Bind("workerId") String workerId);

    @SqlQuery("UPDATE jobs SET status = 'CANCELLED', completed_at = now(), updated_at = now(), worker_id = NULL "
            + SCOPED + " AND status IN ('PENDING', 'PROCESSING') RETURNING *")
    Optional<Job> cancel(@Bind("id") UUID id, @Bind("partnerId") UUID partnerId);

    @SqlUpdate("UPDATE jobs SET status = 'PENDING', progress = 0, records_total = NULL, records_processed = 0, "
            + "records_failed = 0, error_message = NULL, started_at = NULL, completed_at = NULL, updated_at = now(), "
            + "worker_id = NULL, heartbeat_at = NULL, last_record_index = -1 " + SCOPED + " AND status = 'FAILED'")
    int resetFailed(@Bind("id") UUID id, @Bind("partnerId") UUID partnerId);

    @SqlUpdate("DELETE FROM processing_errors WHERE job_id = :id")
    void deleteErrors(@Bind("id") UUID id);

    @SqlUpdate("DELETE FROM processed_records WHERE job_id = :id")
    void deleteRecords(@Bind("id") UUID id);

    /** Retry: a FAILED job loses its errors and records and is PENDING again, all or nothing. */
    @Transaction
    default boolean resetForRetry(UUID id, UUID partnerId) {
        if (resetFailed(id, partnerId) == 0) {
            return false;
        }
        deleteErrors(id);
        deleteRecords(id);
        return true;
    }

    /** PENDING jobs untouched since {@code idleBefore}; touched, so the next sweep leaves them be for a while. */
    @SqlQuery("UPDATE jobs SET updated_at = now() WHERE status = 'PENDING' AND updated_at < :idleBefore RETURNING id")
    List<UUID> touchIdlePending(@Bind("idleBefore") Instant idleBefore);

    /** PROCESSING jobs whose worker stopped beating; touched likewise. */
    @SqlQuery("UPDATE jobs SET updated_at = now() WHERE status = 'PROCESSING' AND heartbeat_at < :staleBefore RETURNING id")
    List<UUID> touchAbandoned(@Bind("staleBefore") Instant staleBefore);

    @SqlQuery("SELECT status, count(*) AS jobs FROM jobs GROUP BY status")
    @KeyColumn("status")
    @ValueColumn("jobs")
    Map<JobStatus, Long> countByStatus();

    @SqlQuery("SELECT count(*) FROM jobs WHERE status = 'PENDING'")
    long countPending();

    /** Jobs whose file is no longer needed: CANCELLED ones, and FAILED ones past their retention. */
    @SqlQuery("SELECT * FROM jobs WHERE file_path IS NOT NULL AND worker_id IS NULL "
            + "AND (status = 'CANCELLED' OR (status = 'FAILED' AND completed_at < :failedBefore))")
    List<Job> withExpiredFiles(@Bind("failedBefore") Instant failedBefore);

    @SqlUpdate("UPDATE jobs SET file_path = NULL WHERE id = :id")
    void forgetFile(@Bind("id") UUID id);

    @SqlQuery("SELECT status FROM jobs WHERE id = :id")
    Optional<JobStatus> status(@Bind("id") UUID id);
}
