package com.partnerpipeline.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.testing.AdminClient;
import com.partnerpipeline.app.testing.ShippedConfig;
import com.partnerpipeline.app.testing.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin ports of the API (server.adminConnectors) and of a worker (worker.adminPort), started
 * from the shipped config.yml as an operator starts them: on loopback only unless the operator says
 * otherwise, and tasks ({@code POST /tasks/gc}, {@code POST /tasks/log-level}) only with the
 * operator token.
 */
class AdminPortsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final String LOG_LEVEL =
            "/tasks/log-level?logger=com.partnerpipeline&level=DEBUG";

    @TempDir Path dir;

    @Test
    void byDefaultBothAdminPortsListenOnLoopbackOnlyAndTasksAreTurnedOff() throws Exception {
        String lan = AdminClient.nonLoopbackAddress().orElse(null);
        assumeTrue(
                lan != null,
                "this machine has no address but loopback to try the admin ports from");
        try (ShippedConfig.Started server =
                        ShippedConfig.server(ENV, Map.of(), dir.resolve("server.log"));
                ShippedConfig.Started worker =
                        ShippedConfig.worker(ENV, Map.of(), dir.resolve("worker.log"))) {
            assertThat(new AdminClient(lan, server.port()).accepts())
                    .as("the API itself is on every interface")
                    .isTrue();
            for (int adminPort : List.of(server.adminPort(), worker.adminPort())) {
                assertThat(new AdminClient("127.0.0.1", adminPort).answers())
                        .as("port %d on loopback", adminPort)
                        .isTrue();
                assertThat(new AdminClient(lan, adminPort).accepts())
                        .as("port %d on %s", adminPort, lan)
                        .isFalse();
            }

            AdminClient admin = new AdminClient("127.0.0.1", server.adminPort());
            for (String authorization : Arrays.asList(null, "Bearer guess", "Bearer ")) {
                for (String task : List.of(LOG_LEVEL, "/tasks/gc")) {
                    HttpResponse<String> refused = admin.post(task, authorization);
                    assertThat(refused.statusCode())
                            .as("%s with %s", task, authorization)
                            .isEqualTo(403);
                    assertThat(refused.headers().firstValue("Content-Type"))
                            .hasValueSatisfying(
                                    type -> assertThat(type).startsWith("application/json"));
                    assertThat(json(refused.body()).path("error").asText())
                            .isEqualTo(
                                    "admin tasks are turned off: "
                                            + "set adminAccess.taskToken (PIPELINE_ADMIN_TOKEN) to use them");
                }
            }
        }
    }

    @Test
    void withATokenTasksRunOnlyForItAndTheOperatorMayOpenTheAdminPortsToOtherHosts()
            throws Exception {
        String lan = AdminClient.nonLoopbackAddress().orElse(null);
        assumeTrue(
                lan != null,
                "this machine has no address but loopback to try the admin ports from");
        String token = "op-" + UUID.randomUUID();
        Map<String, String> variables =
                Map.of(
                        "PIPELINE_ADMIN_TOKEN",
                        token,
                        "PIPELINE_ADMIN_HOST",
                        "0.0.0.0",
                        "WORKER_ADMIN_HOST",
                        "0.0.0.0");
        try (ShippedConfig.Started server =
                        ShippedConfig.server(ENV, variables, dir.resolve("server.log"));
                ShippedConfig.Started worker =
                        ShippedConfig.worker(ENV, variables, dir.resolve("worker.log"))) {
            assertThat(new AdminClient(lan, server.adminPort()).answers())
                    .as("PIPELINE_ADMIN_HOST=0.0.0.0")
                    .isTrue();
            assertThat(new AdminClient(lan, worker.adminPort()).answers())
                    .as("WORKER_ADMIN_HOST=0.0.0.0")
                    .isTrue();

            AdminClient admin = new AdminClient(lan, server.adminPort());
            for (String authorization :
                    Arrays.asList(
                            null,
                            "Bearer ",
                            "Bearer " + token + "x",
                            "Bearer " + token.substring(1),
                            token,
                            "Basic " + token,
                            "bearer  " + token + " extra")) {
                HttpResponse<String> refused = admin.post(LOG_LEVEL, authorization);
                assertThat(refused.statusCode())
                        .as("Authorization: %s", authorization)
                        .isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate"))
                        .hasValue("Bearer realm=\"admin tasks\"");
                assertThat(json(refused.body()).path("error").asText())
                        .isEqualTo(
                                "admin tasks need the operator token: Authorization: Bearer TOKEN");
            }

            HttpResponse<String> logLevel = admin.post(LOG_LEVEL, "Bearer " + token);
            assertThat(logLevel.statusCode()).as(logLevel.body()).isEqualTo(200);
            assertThat(logLevel.body())
                    .contains("Configured logging level for com.partnerpipeline to DEBUG");
            HttpResponse<String> gc = admin.post("/tasks/gc", "bearer " + token);
            assertThat(gc.statusCode()).as(gc.body()).isEqualTo(200);
            assertThat(gc.body()).contains("Running GC...");
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
