package com.partnerpipeline.app.worker;

import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.redis.JobCancellations;
import com.partnerpipeline.app.redis.JobQueue;
import com.partnerpipeline.app.upload.UploadConfiguration;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process: {@code concurrency} threads take jobs from the queue and run them; a sweep
 * queues again the jobs the queue may have lost, and removes failed jobs' files after their
 * retention. On stop, each thread ends its current batch, hands its job back and exits within the
 * shutdown timeout.
 */
public final class Worker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final JobQueue queue;
    private final JobCancellations cancellations;
    private final JobRunner runner;
    private final Jdbi jdbi;
    private final WorkerConfiguration config;
    private final long failedRetentionMillis;
    private final String workerId;
    private final List<Thread> threads = new ArrayList<>();

    /**
     * The jobs this process runs: a thread never claims one of them, even if its heartbeat looks
     * stale.
     */
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    /** When this worker last queued each abandoned job again, by its monotonic clock. */
    private final Map<UUID, Long> requeued = new ConcurrentHashMap<>();

    private final AtomicReference<String> queueProblem = new AtomicReference<>();
    private ScheduledExecutorService sweeper;
    private volatile boolean stopping;

    public Worker(
            JobQueue queue,
            JobCancellations cancellations,
            JobRunner runner,
            Jdbi jdbi,
            WorkerConfiguration config,
            UploadConfiguration uploads,
            String workerId) {
        this.queue = queue;
        this.cancellations = cancellations;
        this.runner = runner;
        this.jdbi = jdbi;
        this.config = config;
        this.failedRetentionMillis = uploads.getFailedRetention().toMilliseconds();
        this.workerId = workerId;
    }

    @Override
    public void start() {
        queue.ensureGroup();
        cancellations.listen();
        for (int i = 1; i <= config.getConcurrency(); i++) {
            String consumer = workerId + "-" + i;
            Thread thread = new Thread(() -> takeJobs(consumer), "worker-" + i);
            threads.add(thread);
            thread.start();
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "sweeper"));
        long sweepMillis = config.getSweepInterval().toMilliseconds();
        sweeper.scheduleWithFixedDelay(
                this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        long takeoverMillis = config.getTakeoverCheckInterval().toMilliseconds();
        sweeper.scheduleWithFixedDelay(
                this::queueAbandoned, takeoverMillis, takeoverMillis, TimeUnit.MILLISECONDS);
        LOG.info("Worker {} started with {} threads", workerId, config.getConcurrency());
    }

    /**
     * Why this worker cannot run jobs, if it cannot: the queue does not answer, or a job-taking
     * thread has ended. Empty while it is fine.
     */
    public Optional<String> problem() {
        String queue = queueProblem.get();
        if (queue != null) {
            return Optional.of("cannot read the job queue: " + queue);
        }
        long dead = threads.stream().filter(thread -> !thread.isAlive()).count();
        return dead > 0 && !stopping
                ? Optional.of(dead + " of " + threads.size() + " job threads have ended")
                : Optional.empty();
    }

    private void takeJobs(String consumer) {
        Duration abandonedAfter = config.getStaleAfter().toJavaDuration();
        long backoffMillis = 100;
        while (!stopping) {
            Optional<JobQueue.Message> message;
            try {
                message = queue.take(consumer, abandonedAfter, POLL);
                queueProblem.set(null);
                backoffMillis = 100;
            } catch (RuntimeException e) {
                if (stopping) {
                    break;
                }
                queueProblem.set(e.getMessage());
                LOG.warn(
                        "Taking a job failed, retrying in {} ms: {}",
                        backoffMillis,
                        e.getMessage());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
                continue;
            }
            message.ifPresent(this::handleSafely);
        }
    }

    /**
     * Whatever a job does to its run, even an {@link Error}, the thread lives on to take the next
     * one.
     */
    private void handleSafely(JobQueue.Message message) {
        try {
            handle(message);
        } catch (RuntimeException | Error e) {
            LOG.error(
                    "Handling job {} failed; the thread goes on with the next one",
                    message.jobId(),
                    e);
        }
    }

    private void handle(JobQueue.Message message) {
        UUID jobId = message.jobId();
        if (!running.add(jobId)) {
            queue.done(
                    message.id()); // another thread of this process runs it and will see it to its
            // end
            return;
        }
        try {
            if (runner.run(jobId, () -> stopping) == JobRunner.Outcome.RELEASED) {
                queue.enqueue(jobId);
            }
        } finally {
            running.remove(jobId);
        }
        queue.done(message.id());
    }

    /**
     * Queues again the jobs whose holder stopped beating (by the database's clock), for a prompt
     * takeover; each at most once per {@code staleAfter} from this worker, so a job another worker
     * is already taking over is not queued again at every check.
     */
    void queueAbandoned() {
        long staleAfterMillis = config.getStaleAfter().toMilliseconds();
        long now = System.nanoTime();
        requeued.values()
                .removeIf(at -> now - at > TimeUnit.MILLISECONDS.toNanos(staleAfterMillis));
        try {
            for (UUID jobId : jdbi.onDemand(JobDao.class).abandoned(staleAfterMillis)) {
                if (requeued.putIfAbsent(jobId, now) == null) {
                    LOG.info("Queueing job {} again: its worker stopped beating", jobId);
                    queue.enqueue(jobId);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Looking for abandoned jobs failed, will try again: {}", e.getMessage());
        }
    }

    /**
     * Queues again the jobs the queue lost, and removes the files of cancelled jobs and of failed
     * ones past their retention. Acknowledged messages are deleted, so a stream shorter than the
     * number of PENDING jobs means messages were lost (Redis lost its data); only then are idle
     * PENDING jobs queued again, which keeps a long backlog from filling the stream with
     * duplicates.
     */
    void sweep() {
        try {
            JobDao jobs = jdbi.onDemand(JobDao.class);
            if (queue.length() < jobs.countPending()) {
                for (UUID jobId :
                        jobs.touchIdlePending(config.getSweepInterval().toMilliseconds())) {
                    LOG.info(
                            "Queueing job {} again: it is pending but the queue has lost messages",
                            jobId);
                    queue.enqueue(jobId);
                }
            }
            for (Job job : jobs.withExpiredFiles(failedRetentionMillis)) {
                Files.deleteIfExists(Path.of(job.filePath()));
                jobs.forgetFile(job.id());
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("Sweep failed, will try again: {}", e.getMessage());
        }
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + config.getShutdownTimeout().toJavaDuration().toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        cancellations.stopListening();
        runner.close();
        LOG.info("Worker {} stopped", workerId);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
