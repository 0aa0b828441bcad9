package com.partnerpipeline.app.worker;

import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobEvent;
import com.partnerpipeline.app.domain.JobEventPublisher;
import com.partnerpipeline.processing.RejectedRecord;
import com.partnerpipeline.validation.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A running job's live events, published as its batches are stored, so a watcher never sees a
 * record the database does not hold: progress at most once per {@link #PROGRESS_INTERVAL}, and
 * error events up to {@link #ERRORS_PER_SECOND}, the rest counted and reported with the next
 * progress. The limits are applied here, at the source, so a busy job cannot flood Redis or the API
 * nodes.
 */
public final class LiveJobReporter {
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);
    public static final int ERRORS_PER_SECOND = 50;
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final JobEventPublisher publisher;
    private final UUID jobId;
    private final long fileSize;
    private final LongSupplier nanoClock;
    private final long startedAt;
    private final long processedAtStart;
    private long processed;
    private long failed;
    private long lastProgressAt;
    private boolean progressSent;
    private long errorWindowStart;
    private int errorsInWindow;
    private long errorsSuppressed;

    /**
     * @param job the job as claimed: its counters include what earlier attempts stored
     */
    public LiveJobReporter(JobEventPublisher publisher, Job job, LongSupplier nanoClock) {
        this.publisher = publisher;
        this.jobId = job.id();
        this.fileSize = job.fileSize();
        this.nanoClock = nanoClock;
        this.startedAt = nanoClock.getAsLong();
        this.processedAtStart = job.recordsProcessed();
        this.processed = job.recordsProcessed();
        this.failed = job.recordsFailed();
        this.errorWindowStart = startedAt;
    }

    /** After a commit: what it stored, and how far into the file the reader was. */
    public synchronized void stored(
            long records, List<RejectedRecord> rejected, long bytesConsumed) {
        processed += records;
        failed += rejected.size();
        long now = nanoClock.getAsLong();
        for (RejectedRecord record : rejected) {
            reportError(record, now);
        }
        if (!progressSent || now - lastProgressAt >= PROGRESS_INTERVAL.toNanos()) {
            publisher.publish(progress(bytesConsumed, now));
            progressSent = true;
            lastProgressAt = now;
            errorsSuppressed = 0;
        }
    }

    /** The job's end, as the database recorded it. */
    public void finished(Job job) {
        publisher.publish(JobEvent.Completed.of(job));
    }

    /** A job's progress in percent by bytes read; 100 only once it is COMPLETED. */
    public static int percent(long bytesConsumed, long fileSize) {
        return fileSize <= 0 ? 99 : (int) Math.min(99, 100 * bytesConsumed / fileSize);
    }

    private void reportError(RejectedRecord record, long now) {
        if (now - errorWindowStart >= SECOND) {
            errorWindowStart = now;
            errorsInWindow = 0;
        }
        if (errorsInWindow >= ERRORS_PER_SECOND) {
            errorsSuppressed++;
            return;
        }
        errorsInWindow++;
        List<JobEvent.FieldProblem> problems =
                record.errors().stream().map(LiveJobReporter::problem).toList();
        publisher.publish(new JobEvent.RecordErrors(jobId, record.index(), problems));
    }

    private static JobEvent.FieldProblem problem(FieldError error) {
        return new JobEvent.FieldProblem(
                error.field(), error.code().code(), error.message(), error.rawValue());
    }

    private JobEvent.Progress progress(long bytesConsumed, long now) {
        double seconds = Math.max(now - startedAt, 1) / 1e9;
        long recordsPerSecond = Math.round((processed - processedAtStart) / seconds);
        Long eta =
                bytesConsumed == 0
                        ? null
                        : Math.round(
                                Math.max(0, fileSize - bytesConsumed) / (bytesConsumed / seconds));
        return new JobEvent.Progress(
                jobId,
                percent(bytesConsumed, fileSize),
                processed,
                failed,
                bytesConsumed,
                fileSize,
                recordsPerSecond,
                eta,
                errorsSuppressed);
    }
}
