package com.partnerpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.testing.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar pipeline.jar validate ...} on the partner's machine: same engine, same answers
 * as the server.
 */
class ValidateCommandIT {
    private static final Path JAR = Path.of("target/pipeline.jar");
    private static final Path SAMPLES = Path.of("../sample-data").toAbsolutePath();

    @TempDir Path dir;

    @Test
    void validatesTheSampleWithTheSameResultAsTheServerEngine() throws Exception {
        JarProcess.Result result =
                JarProcess.run(
                        JAR,
                        dir,
                        "validate",
                        SAMPLES.resolve("customers.json").toString(),
                        "--schema",
                        SAMPLES.resolve("customers.schema.json").toString(),
                        "--json",
                        "--errors",
                        "errors.csv");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        var summary = new ObjectMapper().readTree(result.stdout());
        assertThat(summary.get("records").asLong()).isEqualTo(1000);
        assertThat(summary.get("valid").asLong()).isEqualTo(900);
        assertThat(summary.get("rejected").asLong()).isEqualTo(100);
        assertThat(Files.readAllLines(dir.resolve("errors.csv"))).hasSize(101);
    }

    @Test
    void exitCodesFollowTheResult() throws Exception {
        Files.writeString(
                dir.resolve("ok.csv"),
                "customer_id,name,email,signup_date\nCUST-000001,Ann Lee,ann@example.com,2024-01-01\n");
        Files.writeString(
                dir.resolve("broken.xml"), "<customers><customer><name>Ann</customer></customers>");
        String schema = SAMPLES.resolve("customers.schema.json").toString();

        JarProcess.Result ok = JarProcess.run(JAR, dir, "validate", "ok.csv", "--schema", schema);
        JarProcess.Result broken =
                JarProcess.run(JAR, dir, "validate", "broken.xml", "--schema", schema);
        JarProcess.Result usage = JarProcess.run(JAR, dir, "validate", "ok.csv");

        assertThat(ok.exitCode()).isEqualTo(0);
        assertThat(ok.stdout()).startsWith("ok.csv: COMPLETED\n");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.stdout())
                .startsWith(
                        "broken.xml: FAILED - cannot read the file at record 0 (line 1, column ");
        assertThat(usage.exitCode()).isEqualTo(64);
        assertThat(usage.stderr())
                .startsWith("error: Missing required option: '--schema=SCHEMA.json'");
    }

    @Test
    void helpShowsExamplesAndExitCodes() throws Exception {
        JarProcess.Result help = JarProcess.run(JAR, dir, "validate", "--help");

        assertThat(help.exitCode()).isEqualTo(0);
        assertThat(help.stdout())
                .contains(
                        "Examples:",
                        "pipeline validate customers.csv --schema",
                        "Exit codes:",
                        "1    some records were rejected");
    }
}
