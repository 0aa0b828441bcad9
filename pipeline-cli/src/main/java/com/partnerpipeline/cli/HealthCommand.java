package com.partnerpipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.cli.client.PipelineClient;
import com.partnerpipeline.cli.exit.ExitStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = "Check that the server and its services are up (no API key needed).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:healthy", "69:unreachable, or a service is down"},
        footerHeading = "%nExamples:%n",
        footer = {"  pipeline health", "  pipeline health --url http://pipeline.internal:8080"})
final class HealthCommand extends RemoteCommand {
    @Override
    int run(PipelineClient client) {
        JsonNode health = client.health();
        boolean healthy = "healthy".equals(health.path("status").asText());
        if (json) {
            printJson(health);
        } else {
            List<String> services = new ArrayList<>();
            for (Map.Entry<String, JsonNode> service : health.path("services").properties()) {
                services.add(service.getKey() + " " + service.getValue().asText());
            }
            out.println(
                    client.base()
                            + ": "
                            + health.path("status").asText()
                            + " ("
                            + String.join(", ", services)
                            + ")");
        }
        return healthy ? ExitStatus.OK : ExitStatus.UNAVAILABLE;
    }
}
