package com.partnerpipeline.app.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.partnerpipeline.app.domain.JobStatus;
import java.util.UUID;

/**
 * The answer to an upload. {@code job_id} is spelled as the earlier service spelled it; partners'
 * scripts read it.
 */
public record UploadResponse(
        @JsonProperty("job_id") UUID jobId,
        JobStatus status,
        String filename,
        long fileSize,
        String fileType) {}
