package com.partnerpipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.cli.exit.ExitStatus;

/** The exit code a job's end maps to. */
final class JobExit {
    private JobExit() {}

    static int of(JsonNode job) {
        return switch (job.path("status").asText()) {
            case "COMPLETED" ->
                    job.path("recordsFailed").asLong() == 0
                            ? ExitStatus.OK
                            : ExitStatus.REJECTED_RECORDS;
            case "FAILED", "CANCELLED" -> ExitStatus.JOB_FAILED;
            default -> ExitStatus.OK;
        };
    }
}
