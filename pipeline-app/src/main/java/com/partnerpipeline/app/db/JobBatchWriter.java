package com.partnerpipeline.app.db;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.processing.BackgroundSink;
import com.partnerpipeline.processing.RecordBatch;
import com.partnerpipeline.processing.RejectedRecord;
import com.partnerpipeline.processing.ValidRecord;
import com.partnerpipeline.processing.sinks.TypedValues;
import com.partnerpipeline.validation.FieldError;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The worker's store: batches, their valid records and their errors, plus the job's counters and
 * resume point, in one transaction. Records and errors go by COPY, the fastest way into PostgreSQL.
 * {@link #prepare} serializes a batch on the processing thread; {@link #store} only talks to the
 * database. If the job is no longer this worker's, the transaction rolls back and {@link
 * JobLostException} stops the run; if the database went back (a crash lost asynchronously committed
 * batches), {@link ResumePointMovedException} makes the run resume from what it holds.
 */
public final class JobBatchWriter implements BackgroundSink.Store<JobBatchWriter.CopyBatch> {
    private static final String COPY_RECORDS =
            "COPY processed_records (job_id, record_index, data) FROM STDIN";
    private static final String COPY_ERRORS =
            "COPY processing_errors (job_id, record_index, line_number, field_name, "
                    + "error_code, error_message, raw_value) FROM STDIN";

    /**
     * A batch in COPY text format, with what it adds to the job's counters.
     *
     * @param rejected its rejected records, for the live error events once it is stored
     */
    public record CopyBatch(
            String records,
            String errors,
            int processed,
            int failed,
            long lastRecordIndex,
            List<RejectedRecord> rejected,
            long bytesConsumed) {}

    private final Jdbi jdbi;
    private final UUID jobId;
    private final long lease;
    private final List<String> fieldNames;
    private final Backoff backoff;
    private final long idleTimeoutMillis;
    private final JsonFactory json = new JsonFactory();

    /**
     * The resume point the database holds after this writer's last commit: where its next batch
     * must start.
     */
    private long committedIndex;

    /**
     * @param job the job as its holder claimed (or last read) it: its lease and resume point
     * @param backoff how long a database outage is waited out before the batch, and so the job,
     *     fails
     * @param idleTimeout how long PostgreSQL keeps a batch transaction whose worker stopped talking
     *     (frozen, say)
     */
    public JobBatchWriter(
            Jdbi jdbi, Job job, List<String> fieldNames, Backoff backoff, Duration idleTimeout) {
        this.jdbi = jdbi;
        this.jobId = job.id();
        this.lease = job.lease();
        this.committedIndex = job.lastRecordIndex();
        this.fieldNames = List.copyOf(fieldNames);
        this.backoff = backoff;
        this.idleTimeoutMillis = idleTimeout.toMillis();
    }

    /**
     * The {@code application_name} of the job's writing sessions, by which a later holder finds and
     * ends them.
     */
    public static String sessionName(UUID jobId) {
        return "pipeline job " + jobId;
    }

    /** The last record index the database holds from this writer, as far as it knows. */
    public long committedIndex() {
        return committedIndex;
    }

    public CopyBatch prepare(RecordBatch batch) {
        return new CopyBatch(
                records(batch.valid()),
                errors(batch.rejected()),
                batch.valid().size() + batch.rejected().size(),
                batch.rejected().size(),
                batch.lastRecordIndex(),
                batch.rejected(),
                batch.bytesConsumed());
    }

    /**
     * Stores contiguous batches in one transaction (group commit), retried with backoff on database
     * failures. The job's row is locked first and its resume point checked, so a batch is written
     * only by the job's holder and only right after the last one the database holds.
     *
     * @throws JobLostException the job is no longer this holder's
     * @throws ResumePointMovedException the database lost acknowledged batches; resume from what it
     *     holds
     */
    @Override
    public void store(List<CopyBatch> batches) {
        CopyBatch last = batches.get(batches.size() - 1);
        String records = join(batches, CopyBatch::records);
        String errors = join(batches, CopyBatch::errors);
        long processed = batches.stream().mapToLong(CopyBatch::processed).sum();
        long failed = batches.stream().mapToLong(CopyBatch::failed).sum();
        backoff.run(
                "writing a batch",
                attempt -> {
                    jdbi.useTransaction(
                            handle -> {
                                // A batch's commit need not wait for the disk: if PostgreSQL
                                // crashes before the WAL is flushed, the
                                // batch is lost together with the resume point in the same
                                // transaction, and the resume point check
                                // below (and in JobDao.complete) notices and writes it again. The
                                // job's end is committed synchronously.
                                handle.select(
                                                "SELECT set_config('synchronous_commit', 'off', true) AS a, "
                                                        + "set_config('application_name', ?, true) AS b, "
                                                        + "set_config('idle_in_transaction_session_timeout', ?, true) AS c, "
                                                        + "set_config('lock_timeout', ?, true) AS d",
                                                sessionName(jobId),
                                                idleTimeoutMillis + "ms",
                                                idleTimeoutMillis + "ms")
                                        .mapToMap()
                                        .one();
                                JobDao jobs = handle.attach(JobDao.class);
                                long stored =
                                        jobs.lockResumePoint(jobId, lease)
                                                .orElseThrow(() -> new JobLostException(jobId));
                                if (attempt > 1 && stored == last.lastRecordIndex()) {
                                    return; // the earlier attempt committed, and only its answer
                                    // was lost
                                }
                                if (stored != committedIndex) {
                                    throw new ResumePointMovedException(
                                            jobId, committedIndex, stored);
                                }
                                copy(handle, COPY_RECORDS, records);
                                copy(handle, COPY_ERRORS, errors);
                                if (jobs.recordBatch(
                                                jobId,
                                                lease,
                                                processed,
                                                failed,
                                                committedIndex,
                                                last.lastRecordIndex())
                                        == 0) {
                                    throw new IllegalStateException(
                                            "job " + jobId + " changed under its row lock");
                                }
                            });
                    return null;
                });
        committedIndex = last.lastRecordIndex();
    }

    private static String join(List<CopyBatch> batches, Function<CopyBatch, String> part) {
        if (batches.size() == 1) {
            return part.apply(batches.get(0));
        }
        StringBuilder joined = new StringBuilder();
        batches.forEach(batch -> joined.append(part.apply(batch)));
        return joined.toString();
    }

    /**
     * jsonb cannot hold U+0000, which a hostile file may put in a value: it is stored as U+FFFD
     * instead.
     */
    private static final class NulFreeGenerator extends JsonGeneratorDelegate {
        NulFreeGenerator(JsonGenerator delegate) {
            super(delegate, false);
        }

        @Override
        public void writeString(String text) throws IOException {
            super.writeString(text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD'));
        }
    }

    private static void copy(Handle handle, String sql, String rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            CopyManager copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(sql, new StringReader(rows));
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String records(List<ValidRecord> valid) {
        CopyText copy = new CopyText();
        StringWriter data = new StringWriter(256);
        for (ValidRecord record : valid) {
            data.getBuffer().setLength(0);
            try (JsonGenerator generator = new NulFreeGenerator(json.createGenerator(data))) {
                TypedValues.writeRecord(generator, fieldNames, record.values());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            copy.value(jobId).value(record.index()).value(data).endRow();
        }
        return copy.text();
    }

    private String errors(List<RejectedRecord> rejected) {
        CopyText copy = new CopyText();
        for (RejectedRecord record : rejected) {
            for (FieldError error : record.errors()) {
                copy.value(jobId)
                        .value(error.recordIndex())
                        .value(error.lineNumber() > 0 ? error.lineNumber() : null)
                        .value(error.field())
                        .value(error.code().code())
                        .value(error.message())
                        .value(error.rawValue())
                        .endRow();
            }
        }
        return copy.text();
    }
}
