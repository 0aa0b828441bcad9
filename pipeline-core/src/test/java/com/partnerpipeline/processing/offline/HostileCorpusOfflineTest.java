package com.partnerpipeline.processing.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.testing.HostileCorpus;
import com.partnerpipeline.testing.HostileCorpus.Case;
import com.partnerpipeline.testing.HostileCorpus.Expectation;
import com.partnerpipeline.testing.PartnerMessages;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of the hostile corpus through the offline engine, as {@code process-file} runs it, in
 * a JVM whose heap is {@value #HEAP}: room for a record at the default limits (8 Mi characters,
 * held a few times over while it is cut and parsed), not for the largest files, so a reader that
 * kept a file, a line or a value of it in memory beyond its limits fails the run. Each file ends as
 * its expectation says, with a message that names the problem and shows no Java internals, and
 * exactly the valid records in it are written.
 */
class HostileCorpusOfflineTest {
    private static final String HEAP = "-Xmx128m";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    private static Path out;

    @BeforeAll
    static void runEveryFileInASmallHeap() throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        out = Files.createDirectories(dir.resolve("out"));
        Path schema = Files.writeString(dir.resolve("hostile.schema.json"), HostileCorpus.SCHEMA);
        List<String> pending = new ArrayList<>();
        for (Case hostile : HostileCorpus.cases()) {
            hostile.writeTo(corpus);
            pending.add(hostile.fileName());
        }
        // One JVM for all files keeps this quick; a file that kills it is recorded as such and the
        // rest go on in a new one.
        while (!pending.isEmpty()) {
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    HEAP,
                                    "-XX:+ExitOnOutOfMemoryError",
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    HostileOfflineRun.class.getName(),
                                    corpus.toString(),
                                    out.toString(),
                                    schema.toString()));
            command.addAll(pending);
            Path log = dir.resolve("run-" + pending.size() + ".log");
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
            String jvmOutput = Files.readString(log);
            List<String> left = new ArrayList<>();
            for (String file : pending) {
                Path caseDir = out.resolve(file);
                if (Files.exists(caseDir.resolve("exit"))) {
                    continue;
                }
                if (Files.exists(caseDir.resolve("started")) && left.isEmpty()) {
                    Files.writeString(
                            caseDir.resolve("died"),
                            "the "
                                    + HEAP
                                    + " JVM died on this file (exit code "
                                    + (process.isAlive()
                                            ? "none: killed after 5 minutes"
                                            : process.exitValue())
                                    + "): "
                                    + PartnerMessages.abbreviate(jvmOutput));
                    continue;
                }
                left.add(file);
            }
            if (left.size() == pending.size()) {
                throw new IllegalStateException("the offline run made no progress: " + jvmOutput);
            }
            pending = left;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyHostileFileEndsAsExpectedInASmallHeap() {
        return HostileCorpus.tests(Case::offline, HostileCorpusOfflineTest::check);
    }

    private static void check(Case hostile) throws IOException {
        Path result = out.resolve(hostile.fileName());
        assertThat(result.resolve("died")).as(() -> read(result.resolve("died"))).doesNotExist();
        assertThat(result.resolve("thrown"))
                .as(() -> "process-file ends with a stack trace: " + read(result.resolve("thrown")))
                .doesNotExist();
        Expectation expected = hostile.offline();
        int exit = Integer.parseInt(read(result.resolve("exit")));
        String stdout = read(result.resolve("stdout"));
        String stderr = read(result.resolve("stderr"));
        if (expected.kind() == HostileCorpus.Kind.REFUSED) {
            assertThat(exit).as(stdout + stderr).isEqualTo(ExitCodes.NOT_PROCESSED);
            assertThat(stdout).isEmpty();
            assertThat(stderr).startsWith("error: ").endsWith("\n").containsOnlyOnce("\n");
            assertNamesTheProblem(stderr, expected.problem());
            PartnerMessages.assertClean("the error line", stderr);
            return;
        }
        assertThat(stderr).as("nothing on stderr but progress, which is off").isEmpty();
        JsonNode summary = JSON.readTree(stdout);
        String message = summary.get("message").isNull() ? null : summary.get("message").asText();
        assertThat(summary.get("status").asText())
                .as("status; message: %s", message)
                .isEqualTo(expected.kind().name());
        assertThat(summary.get("valid").asLong())
                .as("valid records; message: %s", message)
                .isEqualTo(expected.valid());
        assertThat(summary.get("rejected").asLong())
                .as("rejected records; message: %s", message)
                .isEqualTo(expected.rejected());
        assertThat(summary.get("records").asLong())
                .isEqualTo(expected.valid() + expected.rejected());
        assertThat(lines(result.resolve("valid.ndjson")))
                .as("valid records written")
                .hasSize((int) expected.valid());
        List<String[]> errors = errors(result.resolve("errors.csv"));
        assertThat(errors.stream().map(error -> error[0]).distinct().count())
                .as("rejected records in errors.csv")
                .isEqualTo(expected.rejected());
        Set<String> codes = new TreeSet<>();
        errors.forEach(error -> codes.add(error[3]));
        assertThat(codes)
                .as("error codes")
                .containsExactlyInAnyOrderElementsOf(expected.errorCodes());
        for (String[] error : errors) {
            PartnerMessages.assertClean("the error of record " + error[0], error[4]);
        }
        if (expected.kind() == HostileCorpus.Kind.FAILED) {
            assertThat(exit).isEqualTo(ExitCodes.NOT_PROCESSED);
            assertThat(message).isNotNull();
            assertNamesTheProblem(message, expected.problem());
            PartnerMessages.assertClean("the run's message", message);
        } else {
            assertThat(exit)
                    .isEqualTo(
                            expected.rejected() > 0
                                    ? ExitCodes.SOME_REJECTED
                                    : ExitCodes.ALL_VALID);
            assertThat(message).isNull();
            if (expected.problem() != null) {
                assertThat(errors)
                        .as("an error naming '%s'", expected.problem())
                        .anySatisfy(error -> assertNamesTheProblem(error[4], expected.problem()));
            }
        }
    }

    private static void assertNamesTheProblem(String message, String problem) {
        assertThat(message.toLowerCase(Locale.ROOT))
                .as(PartnerMessages.abbreviate(message))
                .contains(problem.toLowerCase(Locale.ROOT));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /**
     * errors.csv without its header: record_index, line_number, field, code, message, raw_value.
     */
    private static List<String[]> errors(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.setMaxCharsPerColumn(-1);
        settings.setNullValue("");
        return new CsvParser(settings).parseAll(file.toFile(), StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
