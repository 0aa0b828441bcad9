package com.partnerpipeline.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A job as partners see it: no file paths, worker ids or heartbeats. {@code schema} only on {@code
 * GET /api/jobs/{id}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        UUID id,
        UUID schemaId,
        SchemaSummary schema,
        String filename,
        long fileSize,
        String fileType,
        String sha256,
        JobStatus status,
        int progress,
        Long recordsTotal,
        long recordsProcessed,
        long recordsFailed,
        String errorMessage,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Instant updatedAt) {

    public static JobView of(Job job, SchemaSummary schema) {
        return new JobView(
                job.id(),
                job.schemaId(),
                schema,
                job.filename(),
                job.fileSize(),
                job.fileType(),
                job.sha256(),
                job.status(),
                job.progress(),
                job.recordsTotal(),
                job.recordsProcessed(),
                job.recordsFailed(),
                job.errorMessage(),
                job.createdAt(),
                job.startedAt(),
                job.completedAt(),
                job.updatedAt());
    }
}
