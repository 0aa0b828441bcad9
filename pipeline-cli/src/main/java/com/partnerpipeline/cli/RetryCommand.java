package com.partnerpipeline.cli;

import com.partnerpipeline.cli.client.PipelineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "retry",
        mixinStandardHelpOptions = true,
        description =
                "Run a FAILED job again from the start, while the server still keeps its file.",
        footerHeading = "%nExamples:%n",
        footer = {"  pipeline retry 8b1f...c2d && pipeline watch 8b1f...c2d"})
final class RetryCommand extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "the job id")
    String jobId;

    @Override
    int run(PipelineClient client) {
        return changeJob(client, jobId, "retry", " again");
    }
}
