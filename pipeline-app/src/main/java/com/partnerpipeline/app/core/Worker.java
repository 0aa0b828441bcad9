package com.partnerpipeline.app.core;

import com.partnerpipeline.app.db.JobDao;
import io.dropwizard.lifecycle.Managed;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A worker process: {@code concurrency} threads take jobs from the queue and run them; a sweep queues again the
 * jobs the queue may have lost, and removes failed jobs' files after their retention. On stop, each thread ends
 * its current batch, hands its job back and exits within the shutdown timeout.
 */
public final class Worker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final JobQueue queue;
    private final JobCancellations cancellations;
    private final JobRunner runner;
    private final Jdbi jdbi;
    private final WorkerConfiguration config;
    private final Duration failedRetention;
    private final String workerId;
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService sweeper;
    private volatile boolean stopping;

    public Worker(JobQueue queue, JobCancellations cancellations, JobRunner runner, Jdbi jdbi,
                  WorkerConfiguration config, UploadConfiguration uploads, String workerId) {
        this.queue = queue;
        this.cancellations = cancellations;
        this.runner = runner;
        this.jdbi = jdbi;
        this.config = config;
        this.failedRetention = uploads.getFailedRetention().toJavaDuration();
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
        long sweepMillis = config.getSweepInterval().toMilliseconds();
        sweeper = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "sweeper"));
        sweeper.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        LOG.info("Worker {} started with {} threads", workerId, config.getConcurrency());
    }

    private void takeJobs(String consumer) {
        Duration abandonedAfter = config.getStaleAfter().toJavaDuration();
        long backoffMillis = 100;
        while (!stopping) {
            try {
                queue.take(consumer, abandonedAfter, POLL).ifPresent(this::handle);
                backoffMillis = 100;
            } catch (RuntimeException e) {
                if (stopping) {
                    break;
                }
                LOG.warn("Taking a job failed, retrying in {} ms: {}", backoffMillis, e.getMessage());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
    }

    private void handle(JobQueue.Message message) {
        JobRunner.Outcome outcome = runner.run(message.jobId(), () -> stopping);
        if (outcome == JobRunner.Outcome.RELEASED) {
            queue.enqueue(message.jobId());
        }
        queue.done(message.id());
    }

    /**
     * Queues again the jobs nobody is working on, and removes the files of cancelled jobs and of failed ones past
     * their retention. Acknowledged messages are deleted, so a stream shorter than the number of PENDING jobs means
     * messages were lost (Redis lost its data); only then are idle PENDING jobs queued again, which keeps a long
     * backlog from filling the stream with duplicates.
     */
    void sweep() {
        try {
            JobDao jobs = jdbi.onDemand(JobDao.class);
            Instant now = Instant.now();
            for (UUID jobId : jobs.touchAbandoned(now.minus(config.getStaleAfter().toJavaDuration()))) {
                LOG.info("Queueing job {} again: its worker stopped beating", jobId);
                queue.enqueue(jobId);
            }
            if (queue.length() < jobs.countPending()) {
                for (UUID jobId : jobs.touchIdlePending(now.minus(config.getSweepInterval().toJavaDuration()))) {
                    LOG.info("Queueing job {} again: it is pending but the queue has lost messages", jobId);
                    queue.enqueue(jobId);
                }
            }
            for (Job job : jobs.withExpiredFiles(now.minus(failedRetention))) {
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
