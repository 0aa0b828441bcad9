package com.partnerpipeline.app.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.db.Backoff;
import com.partnerpipeline.app.db.DatabaseErrors;
import com.partnerpipeline.app.db.JobBatchWriter;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.db.JobLostException;
import com.partnerpipeline.app.db.ResumePointMovedException;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.domain.CancelSignals;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobEventPublisher;
import com.partnerpipeline.app.domain.JobStatus;
import com.partnerpipeline.app.domain.StoredSchema;
import com.partnerpipeline.formats.FileFormat;
import com.partnerpipeline.formats.ReaderLimits;
import com.partnerpipeline.formats.RecordReader;
import com.partnerpipeline.formats.UnreadableFileException;
import com.partnerpipeline.processing.BackgroundSink;
import com.partnerpipeline.processing.ProcessingOptions;
import com.partnerpipeline.processing.ProcessingProgress;
import com.partnerpipeline.processing.ProcessingResult;
import com.partnerpipeline.processing.RecordProcessor;
import com.partnerpipeline.schema.CompiledSchema;
import com.partnerpipeline.schema.InvalidSchemaException;
import com.partnerpipeline.schema.SchemaCompiler;
import com.partnerpipeline.schema.SchemaLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one job in a worker: takes it in the database, feeds its file through the same processing
 * loop as the offline command with the PostgreSQL sink, beats a heartbeat with the progress, and
 * ends it. A job taken again after a crash resumes after its last committed batch.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /**
     * The log context key: every line written while a job runs carries its id, whatever thread
     * writes it.
     */
    private static final String JOB_ID = "jobId";

    /**
     * More rewinds than database crashes anyone lives through in one job: something else is wrong.
     */
    private static final int MAX_REWINDS = 100;

    /** What became of a job this runner was asked to look at. */
    public enum Outcome {
        /** Not taken: already done, cancelled, or held by a live worker. */
        NOT_TAKEN,
        /** Ran to an end: COMPLETED, FAILED or CANCELLED, recorded in the database. */
        FINISHED,
        /** Handed back as PENDING because this worker is stopping; it must be queued again. */
        RELEASED
    }

    private final Jdbi jdbi;
    private final CancelSignals cancellations;
    private final JobEventPublisher events;
    private final JobMetrics metrics;
    private final String workerId;
    private final boolean deleteFilesWhenDone;
    private final int batchSize;
    private final ReaderLimits limits;
    private final SchemaLimits schemaLimits;
    private final Duration progressInterval;

    /**
     * Also how long PostgreSQL keeps a batch transaction whose worker went silent: it is taken over
     * by then.
     */
    private final Duration staleAfter;

    private final long staleAfterMillis;
    private final int maxAttempts;
    private final Backoff backoff;
    private final ScheduledExecutorService heartbeats;
    private final ObjectMapper json = new ObjectMapper();

    public JobRunner(
            Jdbi jdbi,
            CancelSignals cancellations,
            JobEventPublisher events,
            JobMetrics metrics,
            String workerId,
            ProcessingConfiguration processing,
            WorkerConfiguration worker,
            SchemaLimits schemaLimits) {
        this(
                jdbi,
                cancellations,
                events,
                metrics,
                workerId,
                processing,
                worker,
                schemaLimits,
                true);
    }

    /**
     * @param deleteFilesWhenDone false for files that are not uploads (an operator's {@code
     *     process-file} input)
     */
    public JobRunner(
            Jdbi jdbi,
            CancelSignals cancellations,
            JobEventPublisher events,
            JobMetrics metrics,
            String workerId,
            ProcessingConfiguration processing,
            WorkerConfiguration worker,
            SchemaLimits schemaLimits,
            boolean deleteFilesWhenDone) {
        this.jdbi = jdbi;
        this.cancellations = cancellations;
        this.events = events;
        this.metrics = metrics;
        this.workerId = workerId;
        this.deleteFilesWhenDone = deleteFilesWhenDone;
        this.batchSize = processing.getBatchSize();
        this.limits = processing.readerLimits();
        this.schemaLimits = schemaLimits;
        this.progressInterval = worker.getProgressInterval().toJavaDuration();
        this.staleAfter = worker.getStaleAfter().toJavaDuration();
        this.staleAfterMillis = staleAfter.toMillis();
        this.maxAttempts = worker.getMaxAttempts();
        this.backoff =
                new Backoff(
                        worker.getRetryBackoffLimit().toJavaDuration(),
                        DatabaseErrors::isTransient);
        this.heartbeats =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "heartbeat-" + workerId);
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /**
     * @param stopping polled with every record: once true, the job is handed back after its current
     *     batch
     */
    public Outcome run(UUID jobId, BooleanSupplier stopping) {
        JobDao jobs = jdbi.onDemand(JobDao.class);
        if (quarantined(jobs, jobId)) {
            return Outcome.FINISHED;
        }
        endStaleSessions(jobs, jobId);
        Job job = jobs.claim(jobId, workerId, staleAfterMillis, maxAttempts).orElse(null);
        if (job == null) {
            return Outcome.NOT_TAKEN;
        }
        MDC.put(JOB_ID, jobId.toString());
        AtomicBoolean cancelled = cancellations.watch(jobId);
        AtomicBoolean lost = new AtomicBoolean();
        AtomicLong bytes = new AtomicLong();
        LiveJobReporter live = new LiveJobReporter(events, job, System::nanoTime);
        ScheduledFuture<?> heartbeat =
                heartbeats.scheduleAtFixedRate(
                        withJobId(jobId, () -> beat(jobs, job, bytes.get(), lost)),
                        progressInterval.toMillis(),
                        progressInterval.toMillis(),
                        TimeUnit.MILLISECONDS);
        try {
            LOG.info(
                    "Processing {} ({} bytes, attempt {}, resuming at record {})",
                    job.filename(),
                    job.fileSize(),
                    job.attempts(),
                    job.lastRecordIndex() + 1);
            BooleanSupplier stop = () -> cancelled.get() || lost.get() || stopping.getAsBoolean();
            CompiledSchema schema = schema(job);
            for (int rewinds = 0; ; rewinds++) {
                Job resumed = rewinds == 0 ? job : resumePoint(jobs, job);
                try {
                    JobBatchWriter writer =
                            new JobBatchWriter(
                                    jdbi, resumed, schema.fieldNames(), backoff, staleAfter);
                    ProcessingResult result = process(resumed, schema, writer, bytes, live, stop);
                    return end(
                            jobs,
                            job,
                            writer,
                            live,
                            result,
                            stopping.getAsBoolean() && !cancelled.get() && !lost.get());
                } catch (ResumePointMovedException e) {
                    if (rewinds == MAX_REWINDS) {
                        throw new IllegalStateException(
                                "the database went back " + MAX_REWINDS + " times in one run", e);
                    }
                    LOG.warn(
                            "The database lost batches it had acknowledged (it crashed?): it holds records up to index "
                                    + "{}, not {}; resuming from there",
                            e.stored(),
                            e.expected());
                }
            }
        } catch (JobLostException e) {
            LOG.info("Job was cancelled or taken over; leaving it as the database says");
            return Outcome.FINISHED;
        } catch (JobFailure e) {
            LOG.warn("Job failed: {}", e.getMessage());
            fail(jobs, job, e.getMessage(), live);
            return Outcome.FINISHED;
        } catch (RuntimeException e) { // the database stayed away longer than the retries, or a bug
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("Job failed on a server-side error, reference {}", reference, e);
            failQuietly(
                    jobs,
                    job,
                    live,
                    "the job stopped on a server-side error (reference "
                            + reference
                            + "); retry it, and tell the operator the reference if it happens again");
            return Outcome.FINISHED;
        } catch (Error e) { // out of memory, say: maybe this job's doing, maybe not; it counts as
            // an attempt
            LOG.error("Job run broke down; handing it back for another attempt", e);
            return handBackQuietly(jobs, job) ? Outcome.RELEASED : Outcome.FINISHED;
        } finally {
            heartbeat.cancel(false);
            cancellations.forget(jobId);
            MDC.remove(JOB_ID);
        }
    }

    /**
     * Without the right to end them, the holder's sessions still end by their idle or lock
     * timeouts.
     */
    private void endStaleSessions(JobDao jobs, UUID jobId) {
        try {
            if (jobs.endStaleSessions(jobId, JobBatchWriter.sessionName(jobId), staleAfterMillis)
                    > 0) {
                LOG.info("Ended the database sessions the stale holder of job {} left open", jobId);
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not end the sessions the stale holder of job {} left open: {}",
                    jobId,
                    e.getMessage());
        }
    }

    /** Ends a job whose runs used up their attempts; true if this call ended it. */
    private boolean quarantined(JobDao jobs, UUID jobId) {
        String message =
                "the job was set aside after its processing stopped "
                        + maxAttempts
                        + " times without "
                        + "finishing (the worker crashed, ran out of memory or froze); check the file, then retry the job";
        Optional<Job> ended = jobs.quarantine(jobId, staleAfterMillis, maxAttempts, message);
        ended.ifPresent(
                job -> {
                    LOG.warn("Job {} set aside after {} attempts", jobId, job.attempts());
                    metrics.ended(JobStatus.FAILED);
                    new LiveJobReporter(events, job, System::nanoTime).finished(job);
                });
        return ended.isPresent();
    }

    /** The job as the database now holds it, while this holder still has it. */
    private static Job resumePoint(JobDao jobs, Job held) {
        return jobs.find(held.id())
                .filter(job -> job.lease() == held.lease() && job.status() == JobStatus.PROCESSING)
                .orElseThrow(() -> new JobLostException(held.id()));
    }

    private ProcessingResult process(
            Job job,
            CompiledSchema schema,
            JobBatchWriter writer,
            AtomicLong bytes,
            LiveJobReporter live,
            BooleanSupplier stop)
            throws JobFailure {
        Path file = job.filePath() == null ? null : Path.of(job.filePath());
        if (file == null || !Files.isRegularFile(file)) {
            throw new JobFailure("the uploaded file is no longer on the server; upload it again");
        }
        FileFormat format = FileFormat.valueOf(job.fileType().toUpperCase(Locale.ROOT));
        ProcessingProgress earlier =
                new ProcessingProgress(
                        job.recordsProcessed(),
                        job.recordsProcessed() - job.recordsFailed(),
                        job.recordsFailed(),
                        0,
                        0);
        ProcessingOptions options =
                new ProcessingOptions(batchSize, job.lastRecordIndex() + 1, 1, earlier);
        BackgroundSink.Store<JobBatchWriter.CopyBatch> storeThenReport =
                batches -> {
                    try (MDC.MDCCloseable ignored =
                            MDC.putCloseable(
                                    JOB_ID, job.id().toString())) { // the writer's own thread
                        writer.store(batches);
                        long processed =
                                batches.stream()
                                        .mapToLong(JobBatchWriter.CopyBatch::processed)
                                        .sum();
                        metrics.stored(
                                processed,
                                batches.stream().mapToLong(JobBatchWriter.CopyBatch::failed).sum());
                        live.stored(
                                processed,
                                batches.stream()
                                        .flatMap(batch -> batch.rejected().stream())
                                        .toList(),
                                batches.get(batches.size() - 1).bytesConsumed());
                    }
                };
        // the next batches are read and validated while PostgreSQL stores this one
        try (InputStream in = Files.newInputStream(file);
                RecordReader reader = format.open(in, limits);
                BackgroundSink<JobBatchWriter.CopyBatch> sink =
                        new BackgroundSink<>(
                                writer::prepare, storeThenReport, 10, "writer-" + job.id())) {
            ProcessingResult result =
                    new RecordProcessor(options)
                            .process(
                                    reader,
                                    schema,
                                    sink,
                                    progress -> bytes.set(progress.bytesConsumed()),
                                    stop);
            sink.finish();
            return result;
        } catch (UnreadableFileException e) {
            throw new JobFailure(e.getMessage());
        } catch (
                IOException
                        e) { // the server's disk, not the partner's file: logged under a reference,
            // path and all
            throw new UncheckedIOException("cannot read the uploaded file " + file, e);
        }
    }

    /**
     * A stored schema is checked against the limits again: it may predate them, or the operator may
     * have lowered them. One over them fails its job with the limit's message, before anything is
     * compiled.
     */
    private CompiledSchema schema(Job job) throws JobFailure {
        StoredSchema stored =
                jdbi.onDemand(SchemaDao.class)
                        .find(job.schemaId())
                        .orElseThrow(() -> new JobFailure("the job's schema no longer exists"));
        try {
            return new SchemaCompiler(schemaLimits)
                    .compile(
                            json.readTree(stored.fields()),
                            json.readTree(stored.validationRules()));
        } catch (InvalidSchemaException | IOException e) {
            throw new JobFailure("the schema cannot be compiled: " + e.getMessage());
        }
    }

    private Outcome end(
            JobDao jobs,
            Job job,
            JobBatchWriter writer,
            LiveJobReporter live,
            ProcessingResult result,
            boolean handBack) {
        switch (result.outcome()) {
            case COMPLETED -> {
                if (jobs.complete(job.id(), job.lease(), writer.committedIndex()) == 0) {
                    Job now =
                            resumePoint(
                                    jobs, job); // still ours: the database lost the last batches
                    throw new ResumePointMovedException(
                            job.id(), writer.committedIndex(), now.lastRecordIndex());
                }
                metrics.ended(JobStatus.COMPLETED);
                announceEnd(jobs, job.id(), live);
                if (deleteFilesWhenDone) {
                    deleteFile(job);
                }
                LOG.info(
                        "Completed: {} records, {} rejected, {} records/s",
                        result.totals().recordsRead(),
                        result.totals().recordsRejected(),
                        Math.round(result.recordsPerSecond()));
                return Outcome.FINISHED;
            }
            case FAILED -> {
                LOG.warn("Failed: {}", result.message());
                fail(jobs, job, result.message(), live);
                return Outcome.FINISHED;
            }
            default -> {
                if (handBack && jobs.handBack(job.id(), job.lease(), true) > 0) {
                    metrics.handedBack();
                    LOG.info(
                            "Handed back after {} records for another worker to resume",
                            result.totals().recordsRead());
                    return Outcome.RELEASED;
                }
                LOG.info(
                        "Stopped after {} records: cancelled, or taken over",
                        result.totals().recordsRead());
                return Outcome.FINISHED;
            }
        }
    }

    /**
     * Records the failure if this holder still has the job, and tells the watchers and the metrics.
     */
    private void fail(JobDao jobs, Job job, String message, LiveJobReporter live) {
        if (jobs.fail(job.id(), job.lease(), message) > 0) {
            metrics.ended(JobStatus.FAILED);
            announceEnd(jobs, job.id(), live);
        }
    }

    /**
     * If even that fails, the job stays PROCESSING, its heartbeat goes stale, and another worker
     * takes it over.
     */
    private void failQuietly(JobDao jobs, Job job, LiveJobReporter live, String message) {
        try {
            fail(jobs, job, message, live);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the failure either: {}", e.getMessage());
        }
    }

    /** Likewise: if the hand-back fails, the job is taken over once its heartbeat is stale. */
    private static boolean handBackQuietly(JobDao jobs, Job job) {
        try {
            return jobs.handBack(job.id(), job.lease(), false) > 0;
        } catch (RuntimeException | Error e) {
            LOG.warn("Could not hand the job back either: {}", e.getMessage());
            return false;
        }
    }

    /**
     * Tells the watchers how the job ended, in the words and counters the database now holds. Best
     * effort: the end is recorded already, and API nodes look for ended jobs themselves at every
     * ping round.
     */
    private static void announceEnd(JobDao jobs, UUID jobId, LiveJobReporter live) {
        try {
            jobs.find(jobId).ifPresent(live::finished);
        } catch (RuntimeException e) {
            LOG.warn("Could not announce the end of the job to its watchers: {}", e.getMessage());
        }
    }

    private static Runnable withJobId(UUID jobId, Runnable task) {
        return () -> {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, jobId.toString())) {
                task.run();
            }
        };
    }

    private void beat(JobDao jobs, Job job, long bytes, AtomicBoolean lost) {
        try {
            if (jobs.heartbeat(
                            job.id(), job.lease(), LiveJobReporter.percent(bytes, job.fileSize()))
                    == 0) {
                lost.set(true); // cancelled without a signal reaching us, or taken over
            }
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat failed, will try again: {}", e.getMessage());
        }
    }

    private static void deleteFile(Job job) {
        if (job.filePath() != null) {
            try {
                Files.deleteIfExists(Path.of(job.filePath()));
            } catch (IOException e) {
                LOG.warn("Could not delete {}: {}", job.filePath(), e.getMessage());
            }
        }
    }

    public void close() {
        heartbeats.shutdownNow();
    }

    /** A job that cannot go on, with a message the partner can act on. */
    private static final class JobFailure extends Exception {
        JobFailure(String message) {
            super(message, null, false, false);
        }
    }
}
