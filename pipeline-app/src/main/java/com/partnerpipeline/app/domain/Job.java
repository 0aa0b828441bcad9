package com.partnerpipeline.app.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code jobs}: one uploaded file and what became of it.
 *
 * @param attempts runs of the job that did not end cleanly, counting the current one: a hand-back
 *     is not one
 * @param lease the fencing token of the current holder, new with every claim
 */
public record Job(
        UUID id,
        UUID partnerId,
        UUID schemaId,
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
        Instant updatedAt,
        String filePath,
        String workerId,
        Instant heartbeatAt,
        long lastRecordIndex,
        int attempts,
        long lease) {}
