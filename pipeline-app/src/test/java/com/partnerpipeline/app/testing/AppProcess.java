package com.partnerpipeline.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar pipeline-app.jar COMMAND config.yml} in its own process, as an operator starts
 * it.
 */
public final class AppProcess {
    private AppProcess() {}

    /** Starts {@code command} (server, worker) with its output in {@code log}. */
    public static Process start(String command, Path configFile, Path log) {
        return start(command, configFile, Map.of(), log);
    }

    /** With {@code environment} added to this process's, as config.yml's ${VARIABLE}s read it. */
    public static Process start(
            String command, Path configFile, Map<String, String> environment, Path log) {
        return start(command, configFile, environment, List.of(), log);
    }

    /**
     * With JVM options too: Dropwizard reads {@code -Ddw.KEY=VALUE} as an override of config.yml's
     * KEY ({@code -Ddw.server.shutdownGracePeriod=3s}).
     */
    public static Process start(
            String command,
            Path configFile,
            Map<String, String> environment,
            List<String> jvmOptions,
            Path log) {
        List<String> line =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx256m",
                                "-XX:+ExitOnOutOfMemoryError"));
        line.addAll(jvmOptions);
        line.addAll(List.of("-jar", jar().toString(), command, configFile.toString()));
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An API server started by {@link #startServer}, and the port of its REST API. */
    public record Server(Process process, int port) implements AutoCloseable {
        /** SIGKILL if it still runs, for the end of a test, whatever happened in it. */
        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    /** {@code server} in {@code environment}'s world, on free ports, once it answers healthy. */
    public static Server startServer(
            TestEnvironment environment, List<String> jvmOptions, Path log) {
        int port = freePort();
        Process process =
                start(
                        "server",
                        environment.configFileWithPorts(port, freePort()),
                        Map.of(),
                        jvmOptions,
                        log);
        Fixtures.awaitTrue(
                new ApiClient(port)::healthy,
                Duration.ofSeconds(60),
                "the server on port " + port + " is up");
        return new Server(process, port);
    }

    /** The built jar, from this module's tests or from the CLI's, which run the server too. */
    private static Path jar() {
        Path here = Path.of("target/pipeline-app.jar").toAbsolutePath();
        return Files.isRegularFile(here)
                ? here
                : Path.of("../pipeline-app/target/pipeline-app.jar").toAbsolutePath();
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
