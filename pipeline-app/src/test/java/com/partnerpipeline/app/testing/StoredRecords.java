package com.partnerpipeline.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What the database holds of a job, checked against what its file had: every record exactly once.
 */
public final class StoredRecords {
    private StoredRecords() {}

    /**
     * A job COMPLETED with every record of its {@link Fixtures#numbersCsv} file stored exactly
     * once, valid ones as records and invalid ones as errors, and the job's counters say what the
     * tables hold.
     */
    public static void assertEveryRecordExactlyOnce(
            Jdbi jdbi, UUID jobId, long records, int badEvery) {
        long invalid = badEvery == 0 ? 0 : (records + badEvery - 1) / badEvery;
        assertThat(count(jdbi, "SELECT count(*) FROM processed_records WHERE job_id = ?", jobId))
                .isEqualTo(records - invalid);
        assertThat(
                        count(
                                jdbi,
                                "SELECT count(DISTINCT record_index) FROM processed_records WHERE job_id = ?",
                                jobId))
                .isEqualTo(records - invalid);
        assertThat(count(jdbi, "SELECT count(*) FROM processing_errors WHERE job_id = ?", jobId))
                .isEqualTo(invalid);
        assertThat(
                        count(
                                jdbi,
                                "SELECT count(DISTINCT record_index) FROM processing_errors WHERE job_id = ?",
                                jobId))
                .isEqualTo(invalid);
        assertCountersMatchRows(jdbi, jobId);
        Optional<Long> total =
                jdbi.withHandle(
                        handle ->
                                handle.select(
                                                "SELECT records_total FROM jobs WHERE id = ? AND status = 'COMPLETED'",
                                                jobId)
                                        .mapTo(Long.class)
                                        .findOne());
        assertThat(total)
                .as("a COMPLETED job's records_total is the records in its file")
                .hasValue(records);
    }

    /** The counters say what the tables hold, and the resume point is where the counters say. */
    public static void assertCountersMatchRows(Jdbi jdbi, UUID jobId) {
        long processed = count(jdbi, "SELECT records_processed FROM jobs WHERE id = ?", jobId);
        long failed = count(jdbi, "SELECT records_failed FROM jobs WHERE id = ?", jobId);
        assertThat(count(jdbi, "SELECT count(*) FROM processed_records WHERE job_id = ?", jobId))
                .isEqualTo(processed - failed);
        assertThat(
                        count(
                                jdbi,
                                "SELECT count(DISTINCT record_index) FROM processing_errors WHERE job_id = ?",
                                jobId))
                .isEqualTo(failed);
        assertThat(count(jdbi, "SELECT last_record_index + 1 FROM jobs WHERE id = ?", jobId))
                .as("records_processed = last_record_index + 1")
                .isEqualTo(processed);
    }

    public static long count(Jdbi jdbi, String sql, UUID id) {
        return jdbi.withHandle(handle -> handle.select(sql, id).mapTo(Long.class).one());
    }
}
