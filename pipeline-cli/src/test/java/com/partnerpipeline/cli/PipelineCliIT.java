package com.partnerpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.SlowUpload;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.app.worker.Worker;
import com.partnerpipeline.testing.JarProcess;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar pipeline.jar ...} as a partner runs it, against a real server, worker,
 * PostgreSQL and Redis.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PipelineCliIT {
    private static final Path JAR = Path.of("target/pipeline.jar");
    private static final Path SAMPLES = Path.of("../sample-data").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(
                    PipelineApplication.class,
                    ENV.configFile().toString(),
                    ConfigOverride.config("uploads.maxConcurrentPerPartner", "1"));

    private static TestPartner partner;
    private static String schemaId;
    private static Worker worker;

    @TempDir Path dir;

    @BeforeAll
    static void setUp() {
        partner =
                Fixtures.partner(
                        APP.<PipelineApplication>getApplication().infrastructure().jdbi(),
                        "CLI partner");
        schemaId = Fixtures.sampleSchema(new ApiClient(APP.getLocalPort()), partner);
        worker =
                Fixtures.startWorker(
                        APP.<PipelineApplication>getApplication().infrastructure(),
                        APP.getConfiguration(),
                        "cli-it");
    }

    @AfterAll
    static void tearDown() throws Exception {
        worker.stop();
    }

    /** The CLI with the URL and key in the environment, as the README tells partners to run it. */
    private JarProcess.Result pipeline(String... args) throws Exception {
        return JarProcess.run(
                JAR,
                dir,
                Map.of(
                        "PIPELINE_URL",
                        "http://127.0.0.1:" + APP.getLocalPort(),
                        "PIPELINE_API_KEY",
                        partner.apiKey()),
                args);
    }

    private static String jobIdIn(String output) {
        Matcher id = Pattern.compile("job ([0-9a-f-]{36})").matcher(output);
        assertThat(id.find()).as(output).isTrue();
        return id.group(1);
    }

    @Test
    void uploadFollowShowsTheJobToItsEndAndExitsWithItsOutcome() throws Exception {
        JarProcess.Result withRejects =
                pipeline(
                        "upload",
                        SAMPLES.resolve("customers.csv").toString(),
                        "--schema",
                        schemaId,
                        "--follow");

        assertThat(withRejects.exitCode()).as(withRejects.stderr()).isEqualTo(1);
        String jobId = jobIdIn(withRejects.stdout());
        assertThat(withRejects.stdout())
                .contains(
                        "Uploaded customers.csv as job " + jobId,
                        "Job " + jobId + " COMPLETED: 1,000 records, 100 rejected",
                        "Errors: pipeline errors " + jobId);
        assertThat(withRejects.stderr())
                .as("plain progress lines, stdout is not a terminal")
                .contains("Uploading: ")
                .doesNotContain("\r");

        Path clean = dir.resolve("clean.csv");
        List<String> sample = Files.readAllLines(SAMPLES.resolve("customers.csv"));
        Files.write(
                clean,
                sample.subList(
                        0, 6)); // the header and records 0 to 4; record 5 is the first invalid one
        JarProcess.Result allValid =
                pipeline("upload", clean.toString(), "--schema", schemaId, "--follow", "--json");
        assertThat(allValid.exitCode()).as(allValid.stderr()).isEqualTo(0);
        JsonNode completed = JSON.readTree(allValid.stdout());
        assertThat(completed.get("type").asText()).isEqualTo("completed");
        assertThat(completed.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.get("recordsProcessed").asLong()).isEqualTo(5);
        assertThat(completed.get("recordsFailed").asLong()).isZero();
    }

    @Test
    void jobsJobAndErrorsShowWhatTheServerHolds() throws Exception {
        JarProcess.Result uploaded =
                pipeline(
                        "upload",
                        SAMPLES.resolve("customers.jsonl").toString(),
                        "--schema",
                        schemaId,
                        "--json");
        assertThat(uploaded.exitCode()).as(uploaded.stderr()).isZero();
        String jobId = JSON.readTree(uploaded.stdout()).get("job_id").asText();
        JarProcess.Result watched = pipeline("watch", jobId);
        assertThat(watched.exitCode()).as(watched.stderr()).isEqualTo(1);
        assertThat(watched.stdout()).contains("COMPLETED: 1,000 records, 100 rejected");

        JarProcess.Result jobs = pipeline("jobs", "--status", "COMPLETED", "--limit", "100");
        assertThat(jobs.stdout())
                .contains(jobId, "customers.jsonl", "COMPLETED")
                .containsPattern("Page 1 of 1 \\(\\d+ jobs\\)");
        JsonNode page = JSON.readTree(pipeline("jobs", "--json").stdout());
        assertThat(page.get("data")).extracting(job -> job.get("id").asText()).contains(jobId);

        JarProcess.Result job = pipeline("job", jobId);
        assertThat(job.stdout())
                .contains(
                        "Status:   COMPLETED (100%)",
                        "Records:  1,000 processed, 100 rejected", "Schema:   customers v1");

        JarProcess.Result table = pipeline("errors", jobId);
        assertThat(table.exitCode()).isZero();
        assertThat(table.stdout()).startsWith("RECORD").contains("customer_id", "100 errors");
        JarProcess.Result csv = pipeline("errors", jobId, "--csv");
        assertThat(csv.stdout().lines().toList())
                .hasSize(101)
                .first()
                .isEqualTo("record_index,line_number,field,code,message,raw_value");
        JsonNode errors = JSON.readTree(pipeline("errors", jobId, "--json").stdout());
        assertThat(errors).hasSize(100);
        assertThat(errors.get(0).get("recordIndex").isNumber()).isTrue();
        assertThat(errors.get(0).get("code").asText()).isNotBlank();
    }

    @Test
    void errorsCsvNeutralisesSpreadsheetFormulasWhileTablesAndJsonShowTheTrueValues()
            throws Exception {
        String schema =
                Fixtures.schema(
                        new ApiClient(APP.getLocalPort()),
                        partner,
                        """
                {"name": "formulas", "fields": [{"name": "id", "type": "integer"}, {"name": "v", "type": "integer"}],
                 "validation_rules": {"allowExtraFields": false}}
                """);
        Path file =
                Files.writeString(
                        dir.resolve("formulas.jsonl"),
                        """
                {"id": 1, "v": "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"}
                {"id": 2, "v": "+cmd|' /C calc'!A0"}
                {"id": 3, "v": "-2+3"}
                {"id": 4, "v": "@SUM(1+1)"}
                {"id": 5, "v": "\\t=1+1"}
                {"id": 6, "=cmd": 1}
                {"id": 7, "v": "=Zoë"}
                """);
        JarProcess.Result uploaded =
                pipeline("upload", file.toString(), "--schema", schema, "--follow");
        assertThat(uploaded.exitCode()).as(uploaded.stderr()).isEqualTo(1);
        String jobId = jobIdIn(uploaded.stdout());

        JarProcess.Result csv = pipeline("errors", jobId, "--csv");
        JsonNode json = JSON.readTree(pipeline("errors", jobId, "--json").stdout());
        JarProcess.Result table = pipeline("errors", jobId);

        assertThat(csv.exitCode()).as(csv.stderr()).isZero();
        assertThat(csv.stdout())
                .isEqualTo(
                        """
                record_index,line_number,field,code,message,raw_value
                0,1,v,invalid_type,not a valid integer,"'=HYPERLINK(""http://evil.example"",""click"")"
                1,2,v,invalid_type,not a valid integer,'+cmd|' /C calc'!A0
                2,3,v,invalid_type,not a valid integer,'-2+3
                3,4,v,invalid_type,not a valid integer,'@SUM(1+1)
                4,5,v,invalid_type,not a valid integer,'\t=1+1
                5,6,'=cmd,rule_violation,unexpected field (the schema does not allow extra fields),1
                6,7,v,invalid_type,not a valid integer,'=Zoë
                """);
        assertThat(json)
                .extracting(
                        error -> error.get("field").asText() + " " + error.get("rawValue").asText())
                .containsExactly(
                        "v =HYPERLINK(\"http://evil.example\",\"click\")",
                        "v +cmd|' /C calc'!A0",
                        "v -2+3",
                        "v @SUM(1+1)",
                        "v \t=1+1",
                        "=cmd 1",
                        "v =Zoë");
        assertThat(table.stdout())
                .contains("=HYPERLINK(\"http://evil.example\",\"click\")", "-2+3")
                .doesNotContain("'=", "'-");
    }

    @Test
    void cancelRetryAndTheirRefusals() throws Exception {
        Path big = Fixtures.numbersCsv(dir, "big.csv", 600_000, 0);
        String schema =
                JSON.readTree(
                                pipeline(
                                                "schema",
                                                "create",
                                                "--file",
                                                write("numbers.json", Fixtures.NUMBERS_SCHEMA),
                                                "--json")
                                        .stdout())
                        .get("id")
                        .asText();
        String jobId = jobIdIn(pipeline("upload", big.toString(), "--schema", schema).stdout());

        JarProcess.Result cancelled = pipeline("cancel", jobId);
        assertThat(cancelled.exitCode()).as(cancelled.stderr()).isZero();
        assertThat(cancelled.stdout()).isEqualTo("Job " + jobId + " is CANCELLED\n");
        JarProcess.Result again = pipeline("cancel", jobId);
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.stderr())
                .isEqualTo(
                        "error: only PENDING or PROCESSING jobs can be cancelled; this one is CANCELLED\n");
        JarProcess.Result watchCancelled = pipeline("watch", jobId);
        assertThat(watchCancelled.exitCode()).isEqualTo(2);
        assertThat(watchCancelled.stdout()).contains("CANCELLED");

        String broken = write("broken.json", "[{\"id\": 1}, {\"id\": ");
        JarProcess.Result failed = pipeline("upload", broken, "--schema", schema, "--follow");
        assertThat(failed.exitCode()).as(failed.stdout() + failed.stderr()).isEqualTo(2);
        String failedId = jobIdIn(failed.stdout());
        assertThat(failed.stdout()).contains("FAILED", "cannot read the file");
        JarProcess.Result retried = pipeline("retry", failedId);
        assertThat(retried.exitCode()).as(retried.stderr()).isZero();
        assertThat(retried.stdout()).isEqualTo("Job " + failedId + " is PENDING again\n");
        assertThat(pipeline("watch", failedId).exitCode()).isEqualTo(2);
    }

    @Test
    void schemasAreRegisteredListedAndShown() throws Exception {
        JarProcess.Result created =
                pipeline(
                        "schema",
                        "create",
                        "--file",
                        SAMPLES.resolve("customers.schema.json").toString());
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout())
                .matches("Registered schema customers version \\d+: [0-9a-f-]{36}\n");
        String id = created.stdout().trim().substring(created.stdout().trim().lastIndexOf(' ') + 1);

        assertThat(pipeline("schemas").stdout()).startsWith("ID").contains(id, "customers");
        JarProcess.Result shown = pipeline("schema", id);
        assertThat(shown.stdout()).contains("Schema customers v", "FIELD", "email", "customer_id");
        assertThat(JSON.readTree(pipeline("schema", id, "--json").stdout()).get("fields").isArray())
                .isTrue();

        JarProcess.Result invalid =
                pipeline(
                        "schema",
                        "create",
                        "--file",
                        write(
                                "bad.json",
                                "{\"name\": \"bad\", \"fields\": [{\"name\": \"age\", \"type\": \"integer\", \"validation\": {\"min\": 10, \"max\": 5}}]}"));
        assertThat(invalid.exitCode()).isEqualTo(3);
        assertThat(invalid.stderr())
                .startsWith("error: ")
                .contains("field 'age'", "min (10) is greater than max (5)");
    }

    @Test
    void failuresAreOneLineWithTheDocumentedExitCode() throws Exception {
        String url = "http://127.0.0.1:" + APP.getLocalPort();
        JarProcess.Result badKey =
                JarProcess.run(JAR, dir, "jobs", "--url", url, "--api-key", "pk_" + "0".repeat(64));
        assertThat(badKey.exitCode()).isEqualTo(77);
        assertThat(badKey.stderr())
                .isEqualTo("error: the server refused the API key: Invalid API key\n");

        JarProcess.Result noKey = JarProcess.run(JAR, dir, "jobs", "--url", url);
        assertThat(noKey.exitCode()).isEqualTo(77);
        assertThat(noKey.stderr()).startsWith("error: no API key");

        JarProcess.Result unreachable =
                JarProcess.run(
                        JAR,
                        dir,
                        "--url",
                        "http://127.0.0.1:9",
                        "--api-key",
                        partner.apiKey(),
                        "jobs");
        assertThat(unreachable.exitCode()).isEqualTo(69);
        assertThat(unreachable.stderr())
                .startsWith("error: cannot reach the server at http://127.0.0.1:9");

        JarProcess.Result unknownJob = pipeline("job", "00000000-0000-0000-0000-000000000000");
        assertThat(unknownJob.exitCode()).isEqualTo(3);
        assertThat(unknownJob.stderr()).isEqualTo("error: Job not found\n");
        assertThat(pipeline("watch", "00000000-0000-0000-0000-000000000000").exitCode())
                .isEqualTo(3);

        JarProcess.Result missingFile = pipeline("upload", "nowhere.csv", "--schema", schemaId);
        assertThat(missingFile.exitCode()).isEqualTo(66);
        assertThat(missingFile.stderr()).isEqualTo("error: no such file: nowhere.csv\n");

        JarProcess.Result usage = pipeline("upload", "--follow");
        assertThat(usage.exitCode()).isEqualTo(64);
        assertThat(usage.stderr()).startsWith("error: Missing required");

        TestPartner busy =
                Fixtures.partner(
                        APP.<PipelineApplication>getApplication().infrastructure().jdbi(), "Busy");
        String busySchema = Fixtures.sampleSchema(new ApiClient(APP.getLocalPort()), busy);
        JarProcess.Result tooMany;
        try (SlowUpload slow =
                SlowUpload.start(APP.getLocalPort(), busy.apiKey(), busySchema, 8_000_000)) {
            Gauge<?> receiving =
                    APP.getEnvironment().metrics().getGauges().get("pipeline.uploads.receiving");
            Fixtures.awaitTrue(
                    () -> receiving.getValue().equals(1),
                    Duration.ofSeconds(30),
                    "the slow upload arriving");
            tooMany =
                    JarProcess.run(
                            JAR,
                            dir,
                            Map.of("PIPELINE_URL", url, "PIPELINE_API_KEY", busy.apiKey()),
                            "upload",
                            SAMPLES.resolve("customers.csv").toString(),
                            "--schema",
                            busySchema);
        }
        assertThat(tooMany.exitCode()).as(tooMany.stderr()).isEqualTo(69);
        assertThat(tooMany.stderr())
                .isEqualTo(
                        "error: the partner's uploads arriving at once are at the limit of 1 "
                                + "(uploads.maxConcurrentPerPartner); try again when one has finished\n");

        List<String> stderrs =
                List.of(
                        badKey.stderr(),
                        noKey.stderr(),
                        unreachable.stderr(),
                        unknownJob.stderr(),
                        missingFile.stderr(),
                        tooMany.stderr());
        assertThat(stderrs).noneMatch(text -> text.contains("Exception") || text.contains("\tat "));
    }

    @Test
    void healthHelpAndCompletion() throws Exception {
        JarProcess.Result health = pipeline("health");
        assertThat(health.exitCode()).isZero();
        assertThat(health.stdout()).contains("healthy (database connected, redis connected)");

        for (String command :
                List.of(
                        "upload",
                        "watch",
                        "jobs",
                        "job",
                        "errors",
                        "cancel",
                        "retry",
                        "schemas",
                        "schema",
                        "health",
                        "validate")) {
            JarProcess.Result help = JarProcess.run(JAR, dir, command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.stdout())
                    .as(command)
                    .contains("Usage: pipeline " + command, "Examples:");
        }
        JarProcess.Result completion = JarProcess.run(JAR, dir, "generate-completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.stdout()).contains("complete -F", "upload", "watch");
    }

    private String write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content).toString();
    }
}
