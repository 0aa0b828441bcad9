package com.partnerpipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.cli.client.PipelineClient;
import com.partnerpipeline.cli.exit.ExitStatus;
import com.partnerpipeline.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Show one schema; or register one with 'schema create'.",
        subcommands = SchemaCreateCommand.class,
        footerHeading = "%nExamples:%n",
        footer = {
            "  pipeline schema 3f6c...e21",
            "  pipeline schema 3f6c...e21 --json > customers.schema.json",
            "  pipeline schema create --file customers.schema.json"
        })
final class SchemaCommand extends RemoteCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "the schema id")
    String schemaId;

    @Override
    int run(PipelineClient client) {
        if (schemaId == null) { // optional only so that 'schema create' parses
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "Missing required parameter: 'ID'");
        }
        JsonNode schema = client.get("/api/schemas/" + PipelineClient.encode(schemaId));
        if (json) {
            printJson(schema);
            return ExitStatus.OK;
        }
        out.println(
                "Schema "
                        + schema.path("name").asText()
                        + " v"
                        + schema.path("version").asInt()
                        + " ("
                        + schema.path("id").asText()
                        + ")");
        Table fields = new Table("FIELD", "TYPE", "REQUIRED", "CHECKS", "TRANSFORM");
        for (JsonNode field : schema.path("fields")) {
            JsonNode validation = field.path("validation");
            fields.row(
                    field.path("name").asText(),
                    field.path("type").asText(),
                    validation.path("required").asBoolean() ? "yes" : "no",
                    checks(validation),
                    field.has("transform") ? field.path("transform").toString() : "");
        }
        fields.print(out);
        JsonNode rules = schema.path("validationRules");
        if (rules.isObject() && !rules.isEmpty()) {
            out.println("Rules: " + rules);
        }
        return ExitStatus.OK;
    }

    private static String checks(JsonNode validation) {
        List<String> checks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> check : validation.properties()) {
            if (!check.getKey().equals("required")) {
                checks.add(
                        check.getKey()
                                + "="
                                + (check.getValue().isTextual()
                                        ? check.getValue().asText()
                                        : check.getValue()));
            }
        }
        return String.join(", ", checks);
    }
}
