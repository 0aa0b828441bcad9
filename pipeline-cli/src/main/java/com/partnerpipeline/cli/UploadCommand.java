package com.partnerpipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.cli.client.PipelineClient;
import com.partnerpipeline.cli.exit.CliException;
import com.partnerpipeline.cli.exit.ExitStatus;
import com.partnerpipeline.cli.output.Format;
import com.partnerpipeline.cli.output.ProgressDisplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "upload",
        mixinStandardHelpOptions = true,
        description =
                "Upload a file for processing; with --follow, show the job live until it ends.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:uploaded (with --follow: the job completed with no rejected records)",
            "1:with --follow: the job completed with rejected records",
            "2:with --follow: the job failed or was cancelled",
            "3:refused: unknown schema, unsupported or empty file, file too large",
            "66:the file is missing or unreadable",
            "69:server unreachable, shutting down, out of room or failing; try again later",
            "77:API key missing or refused"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  pipeline upload customers.csv --schema 3f6c...e21",
            "  pipeline upload orders.jsonl --schema 3f6c...e21 --follow",
            "  PIPELINE_URL=https://pipeline.example.com pipeline upload feed.xml --schema 3f6c...e21 --json"
        })
final class UploadCommand extends RemoteCommand {
    /**
     * Its description ends with the accepted extensions, added by {@link PipelineCli#commandLine()}
     * from FileFormat.
     */
    @Parameters(index = "0", paramLabel = "FILE", description = "the file")
    Path file;

    @Option(
            names = "--schema",
            required = true,
            paramLabel = "ID",
            description = "the id of the schema to validate against")
    String schemaId;

    @Option(
            names = "--follow",
            description = "then show the job's progress live and end with its summary")
    boolean follow;

    @Override
    int run(PipelineClient client) {
        long size = readableSize(file);
        client.get("/api/me"); // a wrong key or URL fails now, not after sending gigabytes
        JsonNode uploaded = send(client, size);
        String jobId = uploaded.path("job_id").asText();
        if (!follow) {
            if (json) {
                printJson(uploaded);
            } else {
                out.println(
                        "Uploaded "
                                + file.getFileName()
                                + " ("
                                + Format.bytes(size)
                                + ") as job "
                                + jobId);
                out.println("Follow it: pipeline watch " + jobId);
            }
            return ExitStatus.OK;
        }
        if (!json) {
            out.println("Uploaded " + file.getFileName() + " as job " + jobId);
        }
        return new LiveJob(client, out, err, json).follow(jobId, this::printJson);
    }

    private JsonNode send(PipelineClient client, long size) {
        AtomicLong sent = new AtomicLong();
        CompletableFuture<JsonNode> upload =
                CompletableFuture.supplyAsync(() -> client.upload(file, schemaId, sent));
        long started = System.nanoTime();
        try (ProgressDisplay display =
                ProgressDisplay.create(terminal(), err, "Uploading", size, "MiB", 1 << 20, true)) {
            while (true) {
                try {
                    JsonNode response = upload.get(100, TimeUnit.MILLISECONDS);
                    display.update(size, "done");
                    return response;
                } catch (TimeoutException e) {
                    display.update(sent.get(), detail(sent.get(), size, started));
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CliException cli
                    ? cli
                    : new CliException(
                            ExitStatus.UNAVAILABLE,
                            "the upload failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitStatus.UNAVAILABLE, "interrupted");
        }
    }

    private static String detail(long sent, long size, long started) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        double rate = sent / seconds;
        String eta = rate > 0 ? ", ETA " + Format.seconds((size - sent) / rate) : "";
        return Format.bytes(sent)
                + " of "
                + Format.bytes(size)
                + " ("
                + (size == 0 ? 100 : 100 * sent / size)
                + "%), "
                + Format.bytes(rate)
                + "/s"
                + eta;
    }

    static long readableSize(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitStatus.NO_INPUT, "no such file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new CliException(
                    ExitStatus.NO_INPUT, "cannot read " + file + ": permission denied");
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CliException(
                    ExitStatus.NO_INPUT, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
