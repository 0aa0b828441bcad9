package com.partnerpipeline.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code java -jar pipeline-app.jar COMMAND config.yml} in its own process, as an operator starts it. */
public final class AppProcess {
    private AppProcess() {
    }

    /** Starts {@code command} (server, worker) with its output in {@code log}. */
    public static Process start(String command, Path configFile, Path log) {
        return start(command, configFile, Map.of(), log);
    }

    /** With {@code environment} added to this process's, as config.yml's ${VARIABLE}s read it. */
    public static Process start(String command, Path configFile, Map<String, String> environment, Path log) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar", Path.of("target/pipeline-app.jar").toAbsolutePath().toString(), command,
                configFile.toString()));
        try {
            ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
