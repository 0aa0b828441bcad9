package com.partnerpipeline.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.service.SchemaRegistry;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.schema.SchemaLimits;
import com.partnerpipeline.testing.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code process-file config.yml --input FILE --partner ID --schema-id ID}: a job into the
 * database, no Redis.
 */
class ProcessFileIntoDatabaseIT {
    /** Redis is not needed, so not reachable. */
    private static final String NO_REDIS = "redis://127.0.0.1:1";

    @Test
    void runsTheFileAsAJobIntoTheDatabaseAndLeavesTheFileInPlace() throws Exception {
        TestEnvironment env = TestEnvironment.create(NO_REDIS);
        Jdbi jdbi = env.jdbi();
        Fixtures.TestPartner partner = Fixtures.partner(jdbi, "Operator");
        UUID schema = registerSampleSchema(jdbi, partner.id());
        var input = Fixtures.SAMPLES.resolve("customers.jsonl");

        JarProcess.Result result = processFile(env, input, partner.id(), schema);

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
        assertThat(result.stdout()).contains(": COMPLETED", "records   1,000", "rejected  100");
        UUID jobId =
                UUID.fromString(
                        result.stdout().replaceFirst("(?s)^.*job ([0-9a-f-]{36}).*$", "$1"));
        var job = jdbi.onDemand(JobDao.class).find(jobId).orElseThrow();
        assertThat(job.recordsProcessed()).isEqualTo(1000);
        assertThat(job.filePath()).isNull();
        long stored =
                jdbi.withHandle(
                        handle ->
                                handle.select(
                                                "SELECT count(*) FROM processed_records WHERE job_id = ?",
                                                jobId)
                                        .mapTo(Long.class)
                                        .one());
        assertThat(stored).isEqualTo(900);
        assertThat(Files.exists(input)).as("the operator's file is never deleted").isTrue();
    }

    /**
     * The content check an upload gets, before a job exists: no job row is left for a refused file.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty.csv|''|the file is empty",
                "orders.csv|{\"id\": 1}|the file is named as CSV but its content does not look like CSV",
                "notes.txt|id,name|cannot tell the format of"
            })
    void refusesAFileAnUploadWouldBeRefusedForAndCreatesNoJob(
            String name, String content, String message) throws Exception {
        TestEnvironment env = TestEnvironment.create(NO_REDIS);
        Jdbi jdbi = env.jdbi();
        Fixtures.TestPartner partner = Fixtures.partner(jdbi, "Operator");
        UUID schema = registerSampleSchema(jdbi, partner.id());
        Path input = env.directory().resolve(name);
        Files.writeString(input, content);

        JarProcess.Result result = processFile(env, input, partner.id(), schema);

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(2);
        assertThat(result.stderr())
                .startsWith("error: ")
                .contains(message)
                .doesNotContain("Exception");
        assertThat(result.stderr().lines()).hasSize(1);
        long jobs =
                jdbi.withHandle(
                        handle ->
                                handle.select("SELECT count(*) FROM jobs").mapTo(Long.class).one());
        assertThat(jobs).isZero();
    }

    private static JarProcess.Result processFile(
            TestEnvironment env, Path input, UUID partnerId, UUID schemaId) throws Exception {
        return JarProcess.run(
                Path.of("target/pipeline-app.jar"),
                env.directory(),
                "process-file",
                env.configFile().toString(),
                "--input",
                input.toString(),
                "--partner",
                partnerId.toString(),
                "--schema-id",
                schemaId.toString());
    }

    private static UUID registerSampleSchema(Jdbi jdbi, UUID partnerId) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return new SchemaRegistry(jdbi.onDemand(SchemaDao.class), json, SchemaLimits.DEFAULTS)
                .register(
                        partnerId,
                        json.readTree(Fixtures.SAMPLES.resolve("customers.schema.json").toFile()))
                .id();
    }
}
