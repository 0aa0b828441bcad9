package com.partnerpipeline.app.db;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.partnerpipeline.processing.RecordBatch;
import com.partnerpipeline.processing.RecordSink;
import com.partnerpipeline.processing.RejectedRecord;
import com.partnerpipeline.processing.ValidRecord;
import com.partnerpipeline.processing.sinks.TypedValues;
import com.partnerpipeline.validation.FieldError;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import com.partnerpipeline.app.core.Backoff;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The worker's sink: each batch, its valid records and its errors, plus the job's counters and resume point, in one
 * transaction. Records and errors go by COPY, the fastest way into PostgreSQL. If the job is no longer this
 * worker's, the whole batch rolls back and {@link JobLostException} stops the run.
 */
public final class JobBatchWriter implements RecordSink {
    private static final String COPY_RECORDS = "COPY processed_records (job_id, record_index, data) FROM STDIN";
    private static final String COPY_ERRORS = "COPY processing_errors (job_id, record_index, line_number, field_name, "
            + "error_code, error_message, raw_value) FROM STDIN";

    private final Jdbi jdbi;
    private final UUID jobId;
    private final String workerId;
    private final List<String> fieldNames;
    private final Backoff backoff;
    private final JsonFactory json = new JsonFactory();

    /** @param backoff how long a database outage is waited out before the batch, and so the job, fails */
    public JobBatchWriter(Jdbi jdbi, UUID jobId, String workerId, List<String> fieldNames, Backoff backoff) {
        this.jdbi = jdbi;
        this.jobId = jobId;
        this.workerId = workerId;
        this.fieldNames = List.copyOf(fieldNames);
        this.backoff = backoff;
    }

    @Override
    public void write(RecordBatch batch) {
        String records = records(batch.valid());
        String errors = errors(batch.rejected());
        backoff.run("writing a batch", attempt -> {
            jdbi.useTransaction(handle -> {
                // A batch's commit need not wait for the disk: if PostgreSQL crashes before the WAL is flushed, the
                // batch is lost together with the resume point in the same transaction, and the job is resumed
                // before it. Nothing is lost or doubled; the job's end is still committed synchronously.
                handle.execute("SET LOCAL synchronous_commit = off");
                // after a failed commit the batch may be stored already: the resume point says so
                if (attempt > 1 && handle.attach(JobDao.class).find(jobId)
                        .filter(job -> job.lastRecordIndex() >= batch.lastRecordIndex()).isPresent()) {
                    return;
                }
                copy(handle, COPY_RECORDS, records);
                copy(handle, COPY_ERRORS, errors);
                int held = handle.attach(JobDao.class).recordBatch(jobId, workerId,
                        batch.valid().size() + batch.rejected().size(), batch.rejected().size(), batch.lastRecordIndex());
                if (held == 0) {
                    throw new JobLostException(jobId);
                }
            });
            return null;
        });
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
            try (JsonGenerator generator = json.createGenerator(data)) {
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
                copy.value(jobId).value(error.recordIndex()).value(error.lineNumber() > 0 ? error.lineNumber() : null)
                        .value(error.field()).value(error.code().code()).value(error.message())
                        .value(error.rawValue()).endRow();
            }
        }
        return copy.text();
    }
}
