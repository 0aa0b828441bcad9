package com.partnerpipeline.app.domain;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A job's life: PENDING until a worker takes it, PROCESSING while one holds it, then one of the
 * three ends. A partner may cancel a job that has not ended, and retry one that FAILED. {@code
 * JobDao}'s conditional updates take their conditions from here, so the database enforces exactly
 * these rules.
 */
public enum JobStatus {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** Whether a partner's cancel applies: only to a job that has not ended. */
    public boolean canBeCancelled() {
        return !isFinal();
    }

    /**
     * Whether a partner's retry applies: only to a FAILED job (which also needs its file, see
     * {@code JobService}).
     */
    public boolean canBeRetried() {
        return this == FAILED;
    }

    public static List<JobStatus> cancellable() {
        return Arrays.stream(values()).filter(JobStatus::canBeCancelled).toList();
    }

    public static List<JobStatus> retryable() {
        return Arrays.stream(values()).filter(JobStatus::canBeRetried).toList();
    }

    /** "PENDING or PROCESSING": statuses as a partner reads them in a message. */
    public static String describe(List<JobStatus> statuses) {
        List<String> names = statuses.stream().map(Enum::name).toList();
        if (names.size() < 2) {
            return String.join("", names);
        }
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + " or "
                + names.get(names.size() - 1);
    }
}
