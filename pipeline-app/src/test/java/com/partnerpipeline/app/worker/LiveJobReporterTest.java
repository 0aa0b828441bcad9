package com.partnerpipeline.app.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobEvent;
import com.partnerpipeline.app.domain.JobStatus;
import com.partnerpipeline.formats.MalformedRecord;
import com.partnerpipeline.processing.RejectedRecord;
import com.partnerpipeline.validation.ErrorCode;
import com.partnerpipeline.validation.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The rate limits of live events, on a clock the test moves. */
class LiveJobReporterTest {
    private final List<JobEvent> published = new ArrayList<>();
    private long now = 1_000_000_000L;
    private final Job job =
            new Job(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "f.csv",
                    1_000_000,
                    "csv",
                    "",
                    JobStatus.PROCESSING,
                    0,
                    null,
                    500,
                    20,
                    null,
                    Instant.now(),
                    Instant.now(),
                    null,
                    Instant.now(),
                    "/f.csv",
                    "w",
                    Instant.now(),
                    499,
                    2,
                    2);
    private final LiveJobReporter reporter = new LiveJobReporter(published::add, job, () -> now);

    private static List<RejectedRecord> rejected(long from, int count) {
        return LongStream.range(from, from + count)
                .mapToObj(
                        index ->
                                new RejectedRecord(
                                        new MalformedRecord(index, index + 2, "bad", "x"),
                                        List.of(
                                                new FieldError(
                                                        index,
                                                        index + 2,
                                                        "id",
                                                        ErrorCode.INVALID_TYPE,
                                                        "not an integer",
                                                        "x" + index))))
                .toList();
    }

    private void advance(Duration duration) {
        now += duration.toNanos();
    }

    private <T extends JobEvent> List<T> published(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void progressAtMostOnceEveryTwoSecondsWithCountersIncludingEarlierAttempts() {
        advance(Duration.ofMillis(100));
        reporter.stored(100, List.of(), 10_000);
        advance(Duration.ofMillis(1_900));
        reporter.stored(100, List.of(), 20_000);
        advance(Duration.ofMillis(100));
        reporter.stored(100, List.of(), 30_000);

        List<JobEvent.Progress> progress = published(JobEvent.Progress.class);
        assertThat(progress).hasSize(2);
        assertThat(progress.get(0).recordsProcessed()).isEqualTo(600);
        assertThat(progress.get(0).recordsFailed()).isEqualTo(20);
        assertThat(progress.get(0).progress()).isEqualTo(1);
        assertThat(progress.get(1).recordsProcessed()).isEqualTo(800);
        assertThat(progress.get(1).bytesProcessed()).isEqualTo(30_000);
        assertThat(progress.get(1).recordsPerSecond())
                .as("this run's 300 records in 2.1 s")
                .isEqualTo(143);
        assertThat(progress.get(1).etaSeconds())
                .as("970,000 bytes left at 30,000 bytes per 2.1 s")
                .isEqualTo(68);
    }

    @Test
    void errorsAreCappedAtFiftyASecondAndTheRestCountedInTheNextProgress() {
        reporter.stored(100, rejected(0, 30), 1_000); // progress now: nothing suppressed yet
        advance(Duration.ofMillis(500));
        reporter.stored(100, rejected(100, 40), 2_000); // 20 more fit this second, 20 suppressed
        advance(Duration.ofMillis(600));
        reporter.stored(100, rejected(200, 10), 3_000); // a new second: all 10 sent
        advance(Duration.ofMillis(1_000));
        reporter.stored(100, List.of(), 4_000); // 2.1 s after the first progress

        List<JobEvent.RecordErrors> errors = published(JobEvent.RecordErrors.class);
        assertThat(errors).hasSize(60);
        assertThat(errors.get(0).recordIndex()).isZero();
        assertThat(errors.get(0).errors())
                .containsExactly(
                        new JobEvent.FieldProblem("id", "invalid_type", "not an integer", "x0"));
        List<JobEvent.Progress> progress = published(JobEvent.Progress.class);
        assertThat(progress)
                .extracting(JobEvent.Progress::errorsSuppressed)
                .containsExactly(0L, 20L);
        assertThat(progress.get(1).recordsFailed()).isEqualTo(20 + 80);
    }

    @Test
    void theEndIsTheJobAsTheDatabaseHoldsIt() {
        Job done =
                new Job(
                        job.id(),
                        job.partnerId(),
                        job.schemaId(),
                        job.filename(),
                        job.fileSize(),
                        job.fileType(),
                        job.sha256(),
                        JobStatus.COMPLETED,
                        100,
                        1000L,
                        1000,
                        30,
                        null,
                        job.createdAt(),
                        job.startedAt(),
                        Instant.now(),
                        Instant.now(),
                        null,
                        null,
                        null,
                        999,
                        2,
                        2);
        reporter.finished(done);

        assertThat(published)
                .containsExactly(
                        new JobEvent.Completed(
                                job.id(),
                                JobStatus.COMPLETED,
                                1000L,
                                1000,
                                30,
                                "30 of 1000 records were rejected"));
    }
}
