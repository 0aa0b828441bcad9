package com.partnerpipeline.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code java -jar pipeline-app.jar COMMAND config.yml} in its own process, as an operator starts it. */
public final class AppProcess {
    private AppProcess() {
    }

    /** Starts {@code command} (server, worker) with its output in {@code log}. */
    public static Process start(String command, Path configFile, Path log) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", Path.of("target/pipeline-app.jar").toAbsolutePath().toString(), command,
                configFile.toString()));
        try {
            return new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
