package com.partnerpipeline.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.testing.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar pipeline-app.jar process-file ...} exactly as the README runs it: no config, no
 * services.
 */
class ProcessFileCommandIT {
    private static final Path JAR = Path.of("target/pipeline-app.jar");
    private static final Path SAMPLES = Path.of("../sample-data").toAbsolutePath();

    @TempDir Path dir;

    @Test
    void processesTheSampleAndWritesEveryOutput() throws Exception {
        JarProcess.Result result =
                JarProcess.run(
                        JAR,
                        dir,
                        "process-file",
                        "--input",
                        SAMPLES.resolve("customers.csv").toString(),
                        "--schema",
                        SAMPLES.resolve("customers.schema.json").toString(),
                        "--output",
                        "valid.ndjson",
                        "--errors",
                        "errors.csv",
                        "--rejects",
                        "rejects.csv");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stdout())
                .startsWith("customers.csv: COMPLETED\n")
                .contains("  valid     900\n", "  rejected  100 (100 field errors)\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("valid.ndjson"))).hasSize(900);
        assertThat(Files.readAllLines(dir.resolve("errors.csv"))).hasSize(101);
        assertThat(Files.readAllLines(dir.resolve("rejects.csv"))).hasSize(101);
    }

    @Test
    void printsTheSummaryAsJson() throws Exception {
        JarProcess.Result result =
                JarProcess.run(
                        JAR,
                        dir,
                        "process-file",
                        "--json",
                        "--input",
                        SAMPLES.resolve("customers.xml").toString(),
                        "--schema",
                        SAMPLES.resolve("customers.schema.json").toString());

        JsonNode summary = new ObjectMapper().readTree(result.stdout());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(summary.get("format").asText()).isEqualTo("xml");
        assertThat(summary.get("valid").asLong()).isEqualTo(900);
        assertThat(summary.get("rejected").asLong()).isEqualTo(100);
    }

    @Test
    void exitsZeroWhenEveryRecordIsValid() throws Exception {
        Files.writeString(
                dir.resolve("ok.jsonl"),
                "{\"customer_id\": \"CUST-000001\", \"name\": \"Ann\", \"email\": \"ann@example.com\", \"signup_date\": \"2024-01-01\"}\n");

        JarProcess.Result result =
                JarProcess.run(
                        JAR,
                        dir,
                        "process-file",
                        "--input",
                        "ok.jsonl",
                        "--schema",
                        SAMPLES.resolve("customers.schema.json").toString());

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(0);
    }

    @Test
    void exitsTwoWithAMessageAndNoStackTraceWhenTheFileCannotBeProcessed() throws Exception {
        Files.writeString(
                dir.resolve("schema.json"),
                "{\"fields\": [{\"name\": \"x\", \"type\": \"decimal\"}]}");

        JarProcess.Result badSchema =
                JarProcess.run(
                        JAR,
                        dir,
                        "process-file",
                        "--input",
                        SAMPLES.resolve("customers.csv").toString(),
                        "--schema",
                        "schema.json");
        JarProcess.Result missingFile =
                JarProcess.run(
                        JAR,
                        dir,
                        "process-file",
                        "--input",
                        "nope.csv",
                        "--schema",
                        SAMPLES.resolve("customers.schema.json").toString());
        JarProcess.Result usage = JarProcess.run(JAR, dir, "process-file", "--input", "x.csv");

        assertThat(badSchema.exitCode()).isEqualTo(2);
        assertThat(badSchema.stderr())
                .isEqualTo(
                        "error: invalid schema: field 'x': type 'decimal' is not a known type "
                                + "(one of string, number, integer, boolean, date, datetime, email, url)\n");
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.stderr()).isEqualTo("error: input file nope.csv does not exist\n");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).contains("--schema is required").doesNotContain("Exception");
    }
}
