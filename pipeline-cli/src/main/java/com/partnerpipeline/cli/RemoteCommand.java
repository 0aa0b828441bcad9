package com.partnerpipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.partnerpipeline.cli.client.PipelineClient;
import com.partnerpipeline.cli.exit.CliException;
import com.partnerpipeline.cli.exit.ExitStatus;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the server: the client from the global options, {@code --json}, and
 * failures printed as one line the user can act on, with the documented exit code.
 */
abstract class RemoteCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "print JSON for scripts instead of readable text")
    boolean json;

    final PrintStream out = System.out;
    final PrintStream err = System.err;

    @Override
    public final Integer call() {
        try {
            return run(client());
        } catch (CliException e) {
            err.println("error: " + e.getMessage());
            return e.exitCode();
        }
    }

    abstract int run(PipelineClient client);

    private PipelineClient client() {
        PipelineCli root = (PipelineCli) spec.root().userObject();
        return new PipelineClient(root.url, root.apiKey);
    }

    /**
     * {@code POST /api/jobs/{id}/ACTION}, then the job's new status in a sentence, or the job as
     * JSON.
     */
    int changeJob(PipelineClient client, String jobId, String action, String sentenceEnd) {
        JsonNode job =
                client.post("/api/jobs/" + PipelineClient.encode(jobId) + "/" + action, null);
        if (json) {
            printJson(job);
        } else {
            out.println(
                    "Job "
                            + job.path("id").asText()
                            + " is "
                            + job.path("status").asText()
                            + sentenceEnd);
        }
        return ExitStatus.OK;
    }

    void printJson(JsonNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether progress may be drawn as a bar: only when a person watches the output. */
    static boolean terminal() {
        return System.console() != null;
    }
}
