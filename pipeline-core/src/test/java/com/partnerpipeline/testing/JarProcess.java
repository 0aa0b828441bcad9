package com.partnerpipeline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a built jar the way a user does, {@code java -jar JAR args...}, and captures what it
 * printed.
 */
public final class JarProcess {
    /** What a finished run left behind. */
    public record Result(int exitCode, String stdout, String stderr) {}

    private JarProcess() {}

    public static Result run(Path jar, Path workDir, String... args)
            throws IOException, InterruptedException {
        return run(jar, workDir, Map.of(), args);
    }

    /** With {@code environment} added to this process's environment. */
    public static Result run(
            Path jar, Path workDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: integration tests run after 'package'");
        }
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx256m",
                                "-jar",
                                jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("jar-out", ".txt");
        Path stderr = Files.createTempFile("jar-err", ".txt");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectOutput(stdout.toFile())
                            .redirectError(stderr.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("java -jar " + jar + " did not finish within 120 s");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
