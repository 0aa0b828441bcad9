package com.partnerpipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.cli.client.PipelineClient;
import com.partnerpipeline.cli.exit.ExitStatus;
import com.partnerpipeline.cli.output.Format;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = "Show one job: its status, counts and schema.",
        footerHeading = "%nExamples:%n",
        footer = {"  pipeline job 8b1f...c2d", "  pipeline job 8b1f...c2d --json"})
final class JobCommand extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "the job id")
    String jobId;

    @Override
    int run(PipelineClient client) {
        JsonNode job = client.get("/api/jobs/" + PipelineClient.encode(jobId));
        if (json) {
            printJson(job);
            return ExitStatus.OK;
        }
        print(out, job);
        return ExitStatus.OK;
    }

    private static void print(PrintStream out, JsonNode job) {
        line(out, "Job", job.path("id").asText());
        line(
                out,
                "Status",
                job.path("status").asText() + " (" + job.path("progress").asInt() + "%)");
        line(
                out,
                "File",
                job.path("filename").asText()
                        + ", "
                        + Format.bytes(job.path("fileSize").asLong())
                        + ", "
                        + job.path("fileType").asText());
        line(
                out,
                "Records",
                Format.count(job.path("recordsProcessed").asLong())
                        + " processed, "
                        + Format.count(job.path("recordsFailed").asLong())
                        + " rejected"
                        + (job.hasNonNull("recordsTotal")
                                ? ", "
                                        + Format.count(job.path("recordsTotal").asLong())
                                        + " in the file"
                                : ""));
        JsonNode schema = job.path("schema");
        if (schema.isObject()) {
            line(
                    out,
                    "Schema",
                    schema.path("name").asText()
                            + " v"
                            + schema.path("version").asInt()
                            + " ("
                            + schema.path("id").asText()
                            + ")");
        } else {
            line(out, "Schema", job.path("schemaId").asText());
        }
        line(out, "Created", job.path("createdAt").asText());
        if (job.hasNonNull("startedAt")) {
            line(out, "Started", job.path("startedAt").asText());
        }
        if (job.hasNonNull("completedAt")) {
            line(out, "Ended", job.path("completedAt").asText());
        }
        if (job.hasNonNull("errorMessage")) {
            line(out, "Error", job.path("errorMessage").asText());
        }
        line(out, "SHA-256", job.path("sha256").asText());
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf("%-9s %s%n", label + ":", value);
    }
}
