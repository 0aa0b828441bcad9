package com.partnerpipeline.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.app.domain.ApiKeys;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.ShippedConfig;
import com.partnerpipeline.app.testing.SocketClient;
import com.partnerpipeline.app.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No API key reaches the log, at any level: the built server from the shipped config.yml at TRACE,
 * with the request log on twice (Dropwizard's default format, and one that prints the X-API-Key
 * header, the query string and the apiKey parameter; logback-access's %fullRequest stops an
 * appender dead on this Jetty, so it is left out), takes keys as a partner and a browser send them
 * (the header, the apiKey query parameter of /api routes and of the WebSocket handshake), right and
 * wrong; nothing it writes holds any 12 characters in a row of any of them.
 */
class ApiKeyLoggingIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final int WINDOW = 12;

    @TempDir Path dir;

    @Test
    void keysInHeadersQueryParametersAndWebSocketHandshakesNeverReachTheLogEvenAtTrace()
            throws Exception {
        TestPartner partner = Fixtures.partner(ENV.jdbi(), "Logged partner");
        TestPartner other = Fixtures.partner(ENV.jdbi(), "Other partner");
        String wrongShaped = ApiKeys.generate(); // looks like a key, belongs to nobody
        String wrongFree = "not-a-key-" + UUID.randomUUID(); // a key from somewhere else, any shape
        List<String> secrets = List.of(partner.apiKey(), other.apiKey(), wrongShaped, wrongFree);

        Path config = configWithRequestLogs();
        Path log = dir.resolve("server.log");
        String marker = UUID.randomUUID().toString();
        String jobId;
        try (ShippedConfig.Started server =
                ShippedConfig.server(
                        ENV,
                        config,
                        Map.of(
                                "PIPELINE_LOG_LEVEL",
                                "TRACE",
                                "PIPELINE_SHUTDOWN_GRACE_PERIOD",
                                "2s"),
                        log)) {
            ApiClient api = new ApiClient(server.port());
            assertThat(api.get("/api/me", partner.apiKey()).status()).isEqualTo(200);
            assertThat(api.get("/api/jobs?apiKey=" + partner.apiKey(), partner.apiKey()).status())
                    .isEqualTo(200);
            assertThat(api.get("/api/me?apiKey=" + other.apiKey(), null).status()).isEqualTo(401);
            assertThat(api.get("/api/me", wrongShaped).status()).isEqualTo(401);
            assertThat(api.get("/api/me", wrongFree).status()).isEqualTo(401);
            assertThat(api.get("/api/jobs?apiKey=" + wrongFree, null).status()).isEqualTo(401);
            String schemaId = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
            jobId =
                    Fixtures.upload(
                            api, partner, Fixtures.numbersCsv(dir, "numbers.csv", 10, 0), schemaId);

            String partnerQuery = "partnerId=" + partner.id();
            SocketClient browser =
                    SocketClient.connect(
                            server.port(),
                            jobId,
                            partnerQuery + "&apiKey=" + partner.apiKey(),
                            null);
            browser.await("connected", Duration.ofSeconds(10));
            browser.close();
            SocketClient cli =
                    SocketClient.connect(server.port(), jobId, partnerQuery, partner.apiKey());
            cli.await("connected", Duration.ofSeconds(10));
            cli.close();
            for (String wrong : List.of(wrongShaped, wrongFree)) {
                SocketClient refused =
                        SocketClient.connect(
                                server.port(), jobId, partnerQuery + "&apiKey=" + wrong, null);
                assertThat(refused.awaitClose(Duration.ofSeconds(10)).reason())
                        .isEqualTo("invalid API key");
                SocketClient refusedHeader =
                        SocketClient.connect(server.port(), jobId, partnerQuery, wrong);
                assertThat(refusedHeader.awaitClose(Duration.ofSeconds(10)).reason())
                        .isEqualTo("invalid API key");
            }

            // the request log is written asynchronously: the last request's line shows that the
            // others are out too
            assertThat(api.get("/api/health?marker=" + marker, null).status()).isEqualTo(200);
            Fixtures.awaitTrue(
                    () ->
                            server.output()
                                    .contains(
                                            "\"GET /api/health?marker="
                                                    + marker
                                                    + " HTTP/1.1\" 200"),
                    Duration.ofSeconds(30),
                    "the marker request is in the request log");
            server.process().destroy();
            assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        List<String> lines = Files.readAllLines(log);
        for (String secret : secrets) {
            for (int start = 0; start + WINDOW <= secret.length(); start++) {
                String window = secret.substring(start, start + WINDOW);
                assertThat(lines.stream().filter(line -> line.contains(window)).limit(3).toList())
                        .as("lines with characters %d to %d of %s", start, start + WINDOW, secret)
                        .isEmpty();
            }
        }
        assertThat(lines)
                .as("TRACE was on, and Jetty wrote about the requests")
                .anyMatch(line -> line.contains("\"level\":\"TRACE\""))
                .anyMatch(
                        line ->
                                line.contains(
                                        "\"logger\":\"org.eclipse.jetty.server.internal.HttpChannelState\""));
        List<String> requestLines =
                lines.stream().filter(line -> line.contains(" HTTP/1.1\" ")).toList();
        assertThat(requestLines)
                .as("the request logs saw the requests, the key parameter and header masked")
                .anyMatch(line -> line.contains("\"GET /api/me HTTP/1.1\" 200"))
                .anyMatch(line -> line.contains("\"GET /api/jobs?apiKey=*** HTTP/1.1\" 200"))
                .anyMatch(
                        line ->
                                line.contains(
                                        "\"GET /ws/jobs/"
                                                + jobId
                                                + "?partnerId="
                                                + partner.id()
                                                + "&apiKey=*** HTTP/1.1\" 101"))
                .anyMatch(line -> line.endsWith("\" 200 header=*** query=?apiKey=*** param=***"))
                .anyMatch(line -> line.endsWith("\" 401 header=- query=?apiKey=*** param=***"))
                .anyMatch(line -> line.endsWith("\" 401 header=*** query= param=-"));
    }

    /**
     * The shipped config.yml, with two request logs: Dropwizard's default one, and one that prints
     * what an operator chasing a problem might add: the key header, the query string, the key
     * parameter.
     */
    private Path configWithRequestLogs() throws Exception {
        String shipped = Files.readString(ShippedConfig.FILE);
        String requestLogs =
                """
                  requestLog:
                    appenders:
                      - type: console
                      - type: console
                        logFormat: "%h \\"%r\\" %s header=%i{X-API-Key} query=%queryString param=%reqParameter{apiKey}"
                  adminConnectors:
                """;
        assertThat(shipped).contains("\n  adminConnectors:\n");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, shipped.replace("\n  adminConnectors:\n", "\n" + requestLogs));
        return config;
    }
}
