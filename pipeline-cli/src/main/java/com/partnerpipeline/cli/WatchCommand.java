package com.partnerpipeline.cli;

import com.partnerpipeline.cli.client.PipelineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = "Show a job's progress live until it ends, then its summary.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job completed with no rejected records",
            "1:the job completed with rejected records",
            "2:the job failed or was cancelled",
            "3:no such job",
            "69:server unreachable",
            "77:API key missing or refused"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  pipeline watch 8b1f...c2d",
            "  pipeline watch 8b1f...c2d --json > result.json"
        })
final class WatchCommand extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "JOB_ID", description = "the job to watch")
    String jobId;

    @Override
    int run(PipelineClient client) {
        return new LiveJob(client, out, err, json).follow(jobId, this::printJson);
    }
}
