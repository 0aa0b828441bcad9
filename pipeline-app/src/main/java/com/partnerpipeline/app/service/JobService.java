package com.partnerpipeline.app.service;

import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.domain.CancelSignals;
import com.partnerpipeline.app.domain.Ids;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobEnqueuer;
import com.partnerpipeline.app.domain.JobEvent;
import com.partnerpipeline.app.domain.JobEventPublisher;
import com.partnerpipeline.app.domain.JobStatus;
import com.partnerpipeline.app.upload.StoredUpload;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What a partner (or an operator's command) can do to jobs: create one from a stored upload, find
 * it, cancel it, retry it. The one place that knows these rules; the API and the commands only
 * translate its answers. Every state change is one of {@link JobDao}'s conditional updates, so a
 * rule holds even when a worker moves the job meanwhile.
 */
public final class JobService {
    private final JobDao jobs;
    private final SchemaDao schemas;
    private final JobEnqueuer queue;
    private final CancelSignals cancellations;
    private final JobEventPublisher events;

    public JobService(
            JobDao jobs,
            SchemaDao schemas,
            JobEnqueuer queue,
            CancelSignals cancellations,
            JobEventPublisher events) {
        this.jobs = jobs;
        this.schemas = schemas;
        this.queue = queue;
        this.cancellations = cancellations;
        this.events = events;
    }

    /**
     * A PENDING job for an upload whose content was checked when it was stored, queued for the
     * workers.
     *
     * @param jobId the id the upload was stored under
     * @param schemaId as the partner gave it: blank is invalid, an unknown id or another partner's
     *     is not found
     */
    public Job create(UUID jobId, UUID partnerId, String schemaId, StoredUpload upload) {
        if (schemaId == null || schemaId.isBlank()) {
            throw Refusal.invalid("schemaId is required");
        }
        UUID schema =
                Ids.parse(schemaId)
                        .flatMap(id -> schemas.findForPartner(id, partnerId))
                        .orElseThrow(() -> Refusal.notFound("Schema"))
                        .id();
        Job job =
                jobs.insert(
                        jobId,
                        partnerId,
                        schema,
                        upload.originalName(),
                        upload.size(),
                        upload.format().name().toLowerCase(Locale.ROOT),
                        upload.sha256(),
                        upload.path().toString());
        queue.enqueue(jobId);
        return job;
    }

    /** The partner's job; another partner's, or an id that is not one, is not found. */
    public Job find(UUID partnerId, String jobId) {
        return Ids.parse(jobId)
                .flatMap(id -> jobs.findForPartner(id, partnerId))
                .orElseThrow(() -> Refusal.notFound("Job"));
    }

    /** Cancels a job that has not ended, and tells its worker and its watchers. */
    public Job cancel(UUID partnerId, String jobId) {
        Job job = find(partnerId, jobId);
        Job cancelled = jobs.cancel(job.id(), partnerId).orElse(null);
        if (cancelled == null) {
            throw onlyFrom(JobStatus.cancellable(), "cancelled", statusNow(job));
        }
        cancellations.publish(job.id());
        events.publish(JobEvent.Completed.of(cancelled));
        return cancelled;
    }

    /**
     * Runs a FAILED job again from its start, if its file is still kept; the answer says PENDING.
     */
    public Job retry(UUID partnerId, String jobId) {
        Job job = find(partnerId, jobId);
        if (!jobs.resetForRetry(job.id(), partnerId)) {
            Job now = jobs.find(job.id()).orElse(job); // as it was when the update missed, or later
            if (now.status().canBeRetried()) { // and so its file is gone
                throw Refusal.invalid(
                        "the file of this job was removed after the retention period; upload it again");
            }
            throw onlyFrom(JobStatus.retryable(), "retried", now.status());
        }
        Job reset = jobs.find(job.id()).orElseThrow(); // read before a worker can take it
        queue.enqueue(job.id());
        return reset;
    }

    /** "only FAILED jobs can be retried; this one is COMPLETED". */
    private static Refusal onlyFrom(List<JobStatus> from, String done, JobStatus now) {
        return Refusal.invalid(
                "only "
                        + JobStatus.describe(from)
                        + " jobs can be "
                        + done
                        + "; this one is "
                        + now);
    }

    /**
     * The status that made a conditional update miss: it may have moved since {@code job} was read.
     */
    private JobStatus statusNow(Job job) {
        return jobs.status(job.id()).orElse(job.status());
    }
}
