package com.partnerpipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.cli.client.PipelineClient;
import com.partnerpipeline.cli.exit.ExitStatus;
import com.partnerpipeline.cli.output.Table;
import picocli.CommandLine.Command;

@Command(
        name = "schemas",
        mixinStandardHelpOptions = true,
        description = "List your schemas, every version.",
        footerHeading = "%nExamples:%n",
        footer = {"  pipeline schemas", "  pipeline schemas --json"})
final class SchemasCommand extends RemoteCommand {
    @Override
    int run(PipelineClient client) {
        JsonNode schemas = client.get("/api/schemas");
        if (json) {
            printJson(schemas);
            return ExitStatus.OK;
        }
        Table table = new Table("ID", "NAME", "VERSION", "FIELDS", "CREATED");
        for (JsonNode schema : schemas) {
            table.row(
                    schema.path("id").asText(),
                    schema.path("name").asText(),
                    schema.path("version").asInt(),
                    schema.path("fields").size(),
                    schema.path("createdAt").asText());
        }
        if (table.isEmpty()) {
            out.println(
                    "No schemas yet: register one with pipeline schema create --file schema.json");
        } else {
            table.print(out);
        }
        return ExitStatus.OK;
    }
}
