package com.partnerpipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.cli.client.JobWatcher;
import com.partnerpipeline.cli.client.PipelineClient;
import com.partnerpipeline.cli.output.Format;
import com.partnerpipeline.cli.output.ProgressDisplay;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Shows a job live until it ends, then its summary; shared by {@code upload --follow} and {@code
 * watch}.
 */
final class LiveJob {
    private final PipelineClient client;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    LiveJob(PipelineClient client, PrintStream out, PrintStream err, boolean json) {
        this.client = client;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Returns the exit code of the job's end. */
    int follow(String jobId, Consumer<JsonNode> printJson) {
        ProgressDisplay display =
                ProgressDisplay.create(
                        RemoteCommand.terminal(), err, "Job " + shortId(jobId), 100, "%", 1, false);
        JsonNode completed;
        try {
            completed =
                    new JobWatcher(client)
                            .follow(
                                    jobId,
                                    message -> {
                                        switch (message.path("type").asText()) {
                                            case "connected" ->
                                                    display.update(
                                                            message.path("progress").asLong(),
                                                            status(message));
                                            case "progress" ->
                                                    display.update(
                                                            message.path("progress").asLong(),
                                                            progress(message));
                                            case "completed" ->
                                                    display.update(
                                                            100, message.path("status").asText());
                                            default -> {}
                                        }
                                    });
        } finally {
            display.close(); // before the summary, so the bar's last redraw does not follow it
        }
        if (json) {
            printJson.accept(completed);
        } else {
            summary(jobId, completed);
        }
        return JobExit.of(completed);
    }

    private void summary(String jobId, JsonNode completed) {
        long failed = completed.path("recordsFailed").asLong();
        out.println(
                "Job "
                        + jobId
                        + " "
                        + completed.path("status").asText()
                        + ": "
                        + Format.count(completed.path("recordsProcessed").asLong())
                        + " records, "
                        + Format.count(failed)
                        + " rejected");
        String message = completed.path("message").asText("");
        if (!"COMPLETED".equals(completed.path("status").asText()) && !message.isEmpty()) {
            out.println(message); // why it failed, or that it was cancelled
        }
        if (failed > 0) {
            out.println("Errors: pipeline errors " + jobId + " (or --csv to export them)");
        }
    }

    private static String status(JsonNode connected) {
        return connected.path("status").asText()
                + ", "
                + Format.count(connected.path("recordsProcessed").asLong())
                + " records, "
                + Format.count(connected.path("recordsFailed").asLong())
                + " rejected";
    }

    private static String progress(JsonNode progress) {
        String eta =
                progress.hasNonNull("etaSeconds")
                        ? ", ETA " + Format.seconds(progress.path("etaSeconds").asDouble())
                        : "";
        return progress.path("progress").asInt()
                + "%, "
                + Format.count(progress.path("recordsProcessed").asLong())
                + " records, "
                + Format.count(progress.path("recordsFailed").asLong())
                + " rejected, "
                + Format.count(progress.path("recordsPerSecond").asLong())
                + " records/s"
                + eta;
    }

    private static String shortId(String jobId) {
        return jobId.length() > 8 ? jobId.substring(0, 8) : jobId;
    }
}
