package com.partnerpipeline.cli;

import com.partnerpipeline.cli.client.PipelineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = "Cancel a PENDING or PROCESSING job; records already stored stay.",
        footerHeading = "%nExamples:%n",
        footer = {"  pipeline cancel 8b1f...c2d"})
final class CancelCommand extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "the job id")
    String jobId;

    @Override
    int run(PipelineClient client) {
        return changeJob(client, jobId, "cancel", "");
    }
}
