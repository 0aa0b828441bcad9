package com.partnerpipeline.processing.offline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs files through {@link OfflineProcessing} as {@code process-file} does, in a JVM of its own
 * whose small heap is the memory bound under test. For each file it leaves in {@code OUT/FILE/}:
 * {@code started} first, then the outputs, then {@code exit} last, so a JVM that dies on a file
 * leaves that file without {@code exit}.
 *
 * <pre>java -Xmx64m -cp ... HostileOfflineRun CORPUS_DIR OUT_DIR SCHEMA FILE...</pre>
 */
public final class HostileOfflineRun {
    private HostileOfflineRun() {}

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path schema = Path.of(args[2]);
        for (int i = 3; i < args.length; i++) {
            Path dir = Files.createDirectories(out.resolve(args[i]));
            Files.writeString(dir.resolve("started"), "");
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            int exit;
            try {
                exit =
                        new OfflineProcessing(
                                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                                        new PrintStream(stderr, true, StandardCharsets.UTF_8),
                                        false,
                                        true)
                                .run(
                                        new OfflineRequest(
                                                corpus.resolve(args[i]),
                                                schema,
                                                dir.resolve("valid.ndjson"),
                                                dir.resolve("errors.csv"),
                                                null,
                                                100));
            } catch (RuntimeException e) { // the real command would end with this stack trace
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                Files.writeString(dir.resolve("thrown"), trace.toString());
                exit = -1;
            }
            Files.write(dir.resolve("stdout"), stdout.toByteArray());
            Files.write(dir.resolve("stderr"), stderr.toByteArray());
            Files.writeString(dir.resolve("exit"), Integer.toString(exit));
        }
    }
}
