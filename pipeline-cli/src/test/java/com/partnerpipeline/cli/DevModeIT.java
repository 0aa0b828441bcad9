package com.partnerpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.testing.JarProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar pipeline-app.jar dev} as a newcomer runs it: no config file, no PostgreSQL or
 * Redis of its own (it starts embedded ones), then the CLI command it prints, pasted as is. Run
 * from an empty directory, so nothing of the project's is found by accident.
 */
class DevModeIT {
    private static final Path APP_JAR =
            Path.of("../pipeline-app/target/pipeline-app.jar").toAbsolutePath();
    private static final Path CLI_JAR = Path.of("target/pipeline.jar").toAbsolutePath();
    private static final String READY = "Ctrl+C stops everything";

    @TempDir Path dir;

    private final List<Process> started = new ArrayList<>();

    /** Gracefully, so the embedded PostgreSQL and Redis stop with them. */
    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process dev : started) {
            dev.destroy();
            if (!dev.waitFor(60, TimeUnit.SECONDS)) {
                dev.destroyForcibly();
            }
        }
    }

    /** What dev printed once it was up. */
    private record Banner(String apiKey, String schemaId, String url, List<String> uploadCommand) {}

    @Test
    void startsEverythingPrintsAWorkingCommandKeepsDataAcrossRestartsAndStartsEmptyWhenFresh()
            throws Exception {
        int port = freePort();
        int adminPort = freePort();
        Process dev =
                startDev(
                        "--data-dir",
                        "dev-data",
                        "--port",
                        String.valueOf(port),
                        "--admin-port",
                        String.valueOf(adminPort));
        Banner first = awaitBanner(dev);
        assertThat(first.url()).isEqualTo("http://localhost:" + port);
        assertThat(first.uploadCommand())
                .containsExactly(
                        "java",
                        "-jar",
                        "pipeline.jar",
                        "upload",
                        Path.of("dev-data", "sample-data", "customers.csv").toString(),
                        "--schema",
                        first.schemaId(),
                        "--follow");

        JarProcess.Result upload =
                cli(first, first.uploadCommand().subList(3, first.uploadCommand().size()));
        assertThat(upload.exitCode())
                .as(upload.stderr())
                .isEqualTo(1); // the sample has 100 invalid records
        assertThat(upload.stdout())
                .containsPattern("Job [0-9a-f-]{36} COMPLETED: 1,000 records, 100 rejected");

        stop(dev);
        Banner restarted =
                awaitBanner(
                        startDev(
                                "--data-dir",
                                "dev-data",
                                "--port",
                                String.valueOf(port),
                                "--admin-port",
                                String.valueOf(adminPort)));
        assertThat(restarted.apiKey()).as("same partner and key").isEqualTo(first.apiKey());
        assertThat(restarted.schemaId())
                .as("the sample schema is not registered again")
                .isEqualTo(first.schemaId());
        JsonNode jobs =
                new ObjectMapper().readTree(cli(restarted, List.of("jobs", "--json")).stdout());
        assertThat(jobs.path("data")).hasSize(1);
        assertThat(jobs.path("data").get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(jobs.path("data").get(0).path("recordsProcessed").asLong()).isEqualTo(1000);

        stop(started.get(started.size() - 1));
        Banner fresh =
                awaitBanner(
                        startDev(
                                "--data-dir",
                                "dev-data",
                                "--fresh",
                                "--port",
                                String.valueOf(port),
                                "--admin-port",
                                String.valueOf(adminPort)));
        assertThat(fresh.apiKey()).isNotEqualTo(first.apiKey());
        assertThat(
                        new ObjectMapper()
                                .readTree(cli(fresh, List.of("jobs", "--json")).stdout())
                                .path("data"))
                .isEmpty();
        assertThat(cli(first, List.of("jobs")).exitCode())
                .as("the old key is gone with the old data")
                .isEqualTo(77);
    }

    @Test
    void aDevKilledWithSigkillLeavesNothingInTheWayOfTheNextStart() throws Exception {
        String[] args = {
            "--data-dir",
            "dev-data",
            "--port",
            String.valueOf(freePort()),
            "--admin-port",
            String.valueOf(freePort())
        };
        Process killed = startDev(args);
        Banner first = awaitBanner(killed);
        killed.destroyForcibly(); // its PostgreSQL and Redis live on, on the same data
        killed.waitFor();

        Banner next = awaitBanner(startDev(args));
        assertThat(next.apiKey()).isEqualTo(first.apiKey());
        JarProcess.Result upload =
                cli(next, next.uploadCommand().subList(3, next.uploadCommand().size()));
        assertThat(upload.stdout())
                .containsPattern("Job [0-9a-f-]{36} COMPLETED: 1,000 records, 100 rejected");
    }

    @Test
    void aPortInUseIsOneClearLineAndNothingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            JarProcess.Result result =
                    JarProcess.run(
                            APP_JAR,
                            dir,
                            "dev",
                            "--data-dir",
                            "dev-data",
                            "--port",
                            String.valueOf(taken.getLocalPort()),
                            "--admin-port",
                            String.valueOf(freePort()));

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stderr().strip())
                    .isEqualTo(
                            "error: port "
                                    + taken.getLocalPort()
                                    + " (API) is already in use: stop what is using it, or choose another with --port");
            assertThat(result.stdout()).doesNotContain("Exception");
            assertThat(dir.resolve("dev-data")).doesNotExist();
        }
    }

    @Test
    void aSecondDevOnTheSameDataIsRefusedClearly() throws Exception {
        Banner first =
                awaitBanner(
                        startDev(
                                "--data-dir",
                                "dev-data",
                                "--port",
                                String.valueOf(freePort()),
                                "--admin-port",
                                String.valueOf(freePort())));
        JarProcess.Result second =
                JarProcess.run(
                        APP_JAR,
                        dir,
                        "dev",
                        "--data-dir",
                        "dev-data",
                        "--port",
                        String.valueOf(freePort()),
                        "--admin-port",
                        String.valueOf(freePort()));

        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.stderr())
                .startsWith("error: another dev instance is using ")
                .contains("dev-data; stop it, or give this one its own directory with --data-dir");
        assertThat(cli(first, List.of("jobs")).exitCode())
                .as("the first one is unharmed")
                .isEqualTo(0);
    }

    private Process startDev(String... args) throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx256m",
                                "-jar",
                                APP_JAR.toString(),
                                "dev"));
        command.addAll(Arrays.asList(args));
        Path log = dir.resolve("dev-" + started.size() + ".log");
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        started.add(process);
        return process;
    }

    private Banner awaitBanner(Process dev) throws Exception {
        Path log = dir.resolve("dev-" + started.indexOf(dev) + ".log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String output = "";
        while (System.nanoTime() < deadline) {
            output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.contains(READY)) {
                return new Banner(
                        find(output, "API key +(\\S+)"),
                        find(output, "Schema .* id (\\S+)"),
                        find(output, "export PIPELINE_URL=(\\S+)"),
                        List.of(find(output, "\\n +(java -jar \\S+ upload .*)\\n").split(" ")));
            }
            assertThat(dev.isAlive()).as("dev exited early:%n%s", output).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("dev did not come up within 180 s:\n" + output);
    }

    private static String find(String output, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(output);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, output).isTrue();
        return matcher.group(1);
    }

    /**
     * SIGTERM, as Ctrl+C or a service manager stops it; dev must exit by itself, stopping its
     * services.
     */
    private static void stop(Process dev) throws InterruptedException {
        dev.destroy();
        assertThat(dev.waitFor(60, TimeUnit.SECONDS)).as("dev stopped within 60 s").isTrue();
    }

    private JarProcess.Result cli(Banner banner, List<String> args) throws Exception {
        return JarProcess.run(
                CLI_JAR,
                dir,
                Map.of("PIPELINE_URL", banner.url(), "PIPELINE_API_KEY", banner.apiKey()),
                args.toArray(String[]::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
