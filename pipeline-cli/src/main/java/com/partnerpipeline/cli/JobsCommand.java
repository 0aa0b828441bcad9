package com.partnerpipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.cli.client.PipelineClient;
import com.partnerpipeline.cli.exit.ExitStatus;
import com.partnerpipeline.cli.output.Format;
import com.partnerpipeline.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "List your jobs, newest first.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  pipeline jobs",
            "  pipeline jobs --status FAILED --limit 50",
            "  pipeline jobs --page 2 --json"
        })
final class JobsCommand extends RemoteCommand {
    @Option(
            names = "--status",
            paramLabel = "S",
            description =
                    "only jobs in this status: PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED")
    String status;

    @Option(
            names = "--page",
            paramLabel = "N",
            defaultValue = "1",
            description = "page number, from 1 (default: ${DEFAULT-VALUE})")
    int page;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "jobs per page, 1 to 100 (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    int run(PipelineClient client) {
        String query =
                "?page="
                        + page
                        + "&limit="
                        + limit
                        + (status == null ? "" : "&status=" + PipelineClient.encode(status));
        JsonNode result = client.get("/api/jobs" + query);
        if (json) {
            printJson(result);
            return ExitStatus.OK;
        }
        Table table =
                new Table("ID", "STATUS", "FILE", "RECORDS", "REJECTED", "PROGRESS", "CREATED");
        for (JsonNode job : result.path("data")) {
            table.row(
                    job.path("id").asText(),
                    job.path("status").asText(),
                    job.path("filename").asText(),
                    Format.count(job.path("recordsProcessed").asLong()),
                    Format.count(job.path("recordsFailed").asLong()),
                    job.path("progress").asInt() + "%",
                    job.path("createdAt").asText());
        }
        JsonNode pagination = result.path("pagination");
        if (table.isEmpty()) {
            out.println(status == null ? "No jobs yet." : "No " + status + " jobs.");
        } else {
            table.print(out);
        }
        out.println(
                "Page "
                        + pagination.path("page").asLong()
                        + " of "
                        + Math.max(1, pagination.path("totalPages").asLong())
                        + " ("
                        + Format.count(pagination.path("total").asLong())
                        + " jobs)");
        return ExitStatus.OK;
    }
}
