package com.partnerpipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.cli.client.PipelineClient;
import com.partnerpipeline.cli.exit.CliException;
import com.partnerpipeline.cli.exit.ExitStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Register a schema; a name you already use gets its next version.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  pipeline schema create --file customers.schema.json",
            "  pipeline validate sample.csv --schema customers.schema.json && pipeline schema create --file customers.schema.json"
        })
final class SchemaCreateCommand extends RemoteCommand {
    /** A schema is a small document; a file this large is a mistake, not a schema. */
    private static final long MAX_SCHEMA_BYTES = 10L << 20;

    @Option(
            names = "--file",
            required = true,
            paramLabel = "schema.json",
            description = "the schema document (JSON)")
    Path file;

    @Override
    int run(PipelineClient client) {
        long size = UploadCommand.readableSize(file);
        if (size > MAX_SCHEMA_BYTES) {
            throw new CliException(
                    ExitStatus.NO_INPUT,
                    file + " is " + size + " bytes: not a schema (at most 10 MiB)");
        }
        String document;
        try {
            document = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(
                    ExitStatus.NO_INPUT,
                    "cannot read " + file + " as UTF-8 text: " + e.getMessage());
        }
        JsonNode schema = client.post("/api/schemas", document);
        if (json) {
            printJson(schema);
        } else {
            out.println(
                    "Registered schema "
                            + schema.path("name").asText()
                            + " version "
                            + schema.path("version").asInt()
                            + ": "
                            + schema.path("id").asText());
        }
        return ExitStatus.OK;
    }
}
