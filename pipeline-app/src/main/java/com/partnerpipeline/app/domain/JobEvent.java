package com.partnerpipeline.app.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.UUID;

/**
 * The messages of {@code /ws/jobs/{jobId}}: JSON text frames, each with its {@code type} first.
 * Workers publish progress, error and completed events through Redis; the API node adds connected
 * for each new socket.
 */
@JsonPropertyOrder("type")
public sealed interface JobEvent {
    @JsonProperty("type")
    String type();

    UUID jobId();

    /** Where the job stands when a socket connects, so a late joiner starts from the truth. */
    record Connected(
            UUID jobId, JobStatus status, int progress, long recordsProcessed, long recordsFailed)
            implements JobEvent {
        public static Connected of(Job job) {
            return new Connected(
                    job.id(),
                    job.status(),
                    job.progress(),
                    job.recordsProcessed(),
                    job.recordsFailed());
        }

        @Override
        public String type() {
            return "connected";
        }
    }

    /**
     * At most one every 2 seconds per job.
     *
     * @param etaSeconds null until the rate is known
     * @param errorsSuppressed error messages not sent since the previous progress, over the rate
     *     limit
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Progress(
            UUID jobId,
            int progress,
            long recordsProcessed,
            long recordsFailed,
            long bytesProcessed,
            long fileSize,
            long recordsPerSecond,
            Long etaSeconds,
            long errorsSuppressed)
            implements JobEvent {
        @Override
        public String type() {
            return "progress";
        }
    }

    /** One rejected record and everything wrong with it. */
    record RecordErrors(UUID jobId, long recordIndex, List<FieldProblem> errors)
            implements JobEvent {
        @Override
        public String type() {
            return "error";
        }
    }

    /**
     * @param rawValue the value as read; null when the field was missing
     */
    record FieldProblem(String field, String code, String message, String rawValue) {}

    /** The job's end: the last message before the server closes the socket with 1000. */
    record Completed(
            UUID jobId,
            JobStatus status,
            Long recordsTotal,
            long recordsProcessed,
            long recordsFailed,
            String message)
            implements JobEvent {
        public static Completed of(Job job) {
            return new Completed(
                    job.id(),
                    job.status(),
                    job.recordsTotal(),
                    job.recordsProcessed(),
                    job.recordsFailed(),
                    message(job));
        }

        private static String message(Job job) {
            return switch (job.status()) {
                case COMPLETED ->
                        job.recordsFailed() == 0
                                ? "all " + job.recordsProcessed() + " records are valid"
                                : job.recordsFailed()
                                        + " of "
                                        + job.recordsProcessed()
                                        + " records were rejected";
                case CANCELLED -> "cancelled after " + job.recordsProcessed() + " records";
                default -> job.errorMessage() == null ? "the job failed" : job.errorMessage();
            };
        }

        @Override
        public String type() {
            return "completed";
        }
    }
}
