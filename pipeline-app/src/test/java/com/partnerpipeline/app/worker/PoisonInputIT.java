package com.partnerpipeline.app.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.testing.JarProcess;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small inputs built to exhaust memory or CPU, against the real server, a worker, PostgreSQL and
 * the operator's jar.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PoisonInputIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(PipelineApplication.class, ENV.configFile().toString());
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ApiClient api;
    private static Jdbi jdbi;
    private static Worker worker;

    @TempDir Path dir;

    @BeforeAll
    static void startWorker() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<PipelineApplication>getApplication().infrastructure().jdbi();
        worker =
                Fixtures.startWorker(
                        APP.<PipelineApplication>getApplication().infrastructure(),
                        APP.getConfiguration(),
                        "poison-it-worker");
    }

    @AfterAll
    static void stopWorker() throws Exception {
        worker.stop();
    }

    @Test
    void hugeExponentsAndNumbersPostgresqlCannotStoreAreRejectedRecordsInACompletedJob()
            throws Exception {
        TestPartner partner = Fixtures.partner(jdbi, "Hostile numbers");
        String schema =
                Fixtures.schema(
                        api,
                        partner,
                        """
                {"name": "numbers", "fields": [{"name": "name", "type": "string"}, {"name": "flag", "type": "boolean"},
                  {"name": "qty", "type": "integer"}, {"name": "price", "type": "number"}]}
                """);
        Path file =
                Files.writeString(
                        dir.resolve("hostile.jsonl"),
                        """
                {"name": "Ann", "flag": true, "qty": 1, "price": 9.99}
                {"name": 1e999999999}
                {"name": 1e-999999999}
                {"flag": 1e999999999}
                {"price": 1e1000000}
                {"qty": 1e999999999}
                {"price": 1e9999999999}
                {"name": 12345, "flag": 1, "qty": 12.0, "price": 1.5e3}
                {"name": "largest", "price": 9.99e131071}
                {"name": "smallest", "price": 1e-16383}
                {"price": 1e131072}
                {"price": 1e-16384}
                """);

        String jobId = Fixtures.upload(api, partner, file, schema);
        JsonNode job = Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED");

        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("recordsProcessed").asLong()).isEqualTo(12);
        assertThat(job.get("recordsFailed").asLong()).isEqualTo(8);
        UUID id = UUID.fromString(jobId);
        List<Map<String, Object>> stored =
                jdbi.withHandle(
                        handle ->
                                handle.createQuery(
                                                """
                        SELECT record_index, data->>'name' AS name, data->>'flag' AS flag, data->>'qty' AS qty,
                               (data->>'price')::numeric = 9.99e131071 AS largest,
                               (data->>'price')::numeric = 1e-16383 AS smallest,
                               (data->>'price')::numeric = 1500 AS fifteen_hundred
                        FROM processed_records WHERE job_id = :id ORDER BY record_index""")
                                        .bind("id", id)
                                        .mapToMap()
                                        .list());
        assertThat(stored)
                .extracting(row -> row.get("record_index"))
                .containsExactly(0L, 7L, 8L, 9L);
        assertThat(stored.get(0))
                .containsEntry("name", "Ann")
                .containsEntry("flag", "true")
                .containsEntry("qty", "1");
        assertThat(stored.get(1))
                .containsEntry("name", "12345")
                .containsEntry("flag", "true")
                .containsEntry("qty", "12")
                .containsEntry("fifteen_hundred", true);
        assertThat(stored.get(2)).containsEntry("name", "largest").containsEntry("largest", true);
        assertThat(stored.get(3)).containsEntry("name", "smallest").containsEntry("smallest", true);
        List<Map<String, Object>> errors =
                jdbi.withHandle(
                        handle ->
                                handle.createQuery(
                                                """
                        SELECT record_index, field_name, error_code, raw_value FROM processing_errors
                        WHERE job_id = :id ORDER BY record_index""")
                                        .bind("id", id)
                                        .mapToMap()
                                        .list());
        assertThat(errors)
                .extracting(
                        row ->
                                row.get("record_index")
                                        + " "
                                        + row.get("field_name")
                                        + " "
                                        + row.get("error_code")
                                        + " "
                                        + row.get("raw_value"))
                .containsExactly(
                        "1 name number_out_of_range 1E+999999999",
                        "2 name number_out_of_range 1E-999999999",
                        "3 flag invalid_type 1E+999999999",
                        "4 price number_out_of_range 1E+1000000",
                        "5 qty number_out_of_range 1E+999999999",
                        "6 null malformed_record {\"price\": 1e9999999999}",
                        "10 price number_out_of_range 1E+131072",
                        "11 price number_out_of_range 1E-16384");
    }

    @Test
    void aCsvHeaderOverTheColumnLimitFailsItsJobWithAMessageNamingTheLimit() throws Exception {
        TestPartner partner = Fixtures.partner(jdbi, "Wide header");
        String schema =
                Fixtures.schema(
                        api,
                        partner,
                        "{\"name\": \"wide\", \"fields\": [{\"name\": \"c0\", \"type\": \"string\"}]}");
        Path file =
                Files.writeString(
                        dir.resolve("wide.csv"),
                        IntStream.range(0, 100_000)
                                        .mapToObj(i -> "c" + i)
                                        .collect(Collectors.joining(","))
                                + "\nx\n");

        JsonNode job =
                Fixtures.awaitStatus(
                        api,
                        partner,
                        Fixtures.upload(api, partner, file, schema),
                        WAIT,
                        "COMPLETED",
                        "FAILED");

        assertThat(job.get("status").asText()).isEqualTo("FAILED");
        assertThat(job.get("errorMessage").asText())
                .isEqualTo(
                        "cannot read the file at record 0 (line 1): "
                                + "the header row has more than 10000 columns (processing.maxFields)");
    }

    private static final String EVIL_PATTERN = "^((a{1000}){1000}){1000}$";
    private static final String EVIL_SCHEMA =
            "{\"name\":\"evil\",\"fields\":[{\"name\":\"code\",\"type\":\"string\","
                    + "\"validation\":{\"pattern\":\""
                    + EVIL_PATTERN
                    + "\"}}]}";
    private static final String EVIL_PATTERN_REFUSAL =
            "invalid schema: field 'code': validation.pattern compiles to about "
                    + "1002002002 instructions (its counted repetitions multiplied out); at most 10000 are allowed (schemas.maxPatternSize)";

    private static String manyFields(int count) {
        StringBuilder fields = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            fields.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"f")
                    .append(i)
                    .append("\",\"type\":\"string\"}");
        }
        return fields.append(']').toString();
    }

    @Test
    void schemasOverTheLimitsAreRefusedWith400NamingTheLimitAndTheServerAnswersOn() {
        TestPartner partner = Fixtures.partner(jdbi, "Hostile schemas");
        assertThat(EVIL_SCHEMA.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(124);

        ApiClient.Response evil = api.post("/api/schemas", partner.apiKey(), EVIL_SCHEMA);
        ApiClient.Response wide =
                api.post(
                        "/api/schemas",
                        partner.apiKey(),
                        "{\"name\": \"wide\", \"fields\": " + manyFields(20_000) + "}");
        ApiClient.Response huge =
                api.post(
                        "/api/schemas",
                        partner.apiKey(),
                        "{\"name\": \"huge\", \"fields\": " + manyFields(100_000) + "}");
        ApiClient.Response infinite =
                api.post(
                        "/api/schemas",
                        partner.apiKey(),
                        "{\"name\": \"inf\", \"fields\": [{\"name\": \"p\", \"type\": \"number\", \"validation\": {\"max\": 1e999999999}}]}");

        assertThat(evil.status()).isEqualTo(400);
        assertThat(evil.error()).isEqualTo(EVIL_PATTERN_REFUSAL);
        assertThat(wide.status()).isEqualTo(400);
        assertThat(wide.error())
                .isEqualTo(
                        "invalid schema: the schema has 20000 fields; at most 1000 are allowed (schemas.maxFields)");
        assertThat(huge.status()).as("a body over api.maxBodySize is not even read").isEqualTo(413);
        assertThat(huge.error())
                .isEqualTo(
                        "the request body is larger than the limit of 1048576 bytes (api.maxBodySize)");
        assertThat(infinite.status()).isEqualTo(400);
        assertThat(infinite.error())
                .isEqualTo(
                        "invalid schema: field 'p': validation: max has a number too large to use (beyond ±1.8e308)");
        assertThat(api.get("/api/schemas", partner.apiKey()).json()).isEmpty();
        String schema =
                Fixtures.schema(
                        api,
                        partner,
                        "{\"name\": \"wide enough\", \"fields\": " + manyFields(1000) + "}");
        assertThat(api.get("/api/schemas/" + schema, partner.apiKey()).json().get("fields"))
                .hasSize(1000);
    }

    @Test
    void aStoredSchemaOverTheLimitsFailsItsJobWithTheLimitsMessage() throws Exception {
        TestPartner partner = Fixtures.partner(jdbi, "Old schemas");
        SchemaDao schemas =
                jdbi.onDemand(
                        SchemaDao.class); // stored as an earlier version, or before the limits were
        // lowered
        String evil =
                schemas.insertNextVersion(
                                UUID.randomUUID(),
                                partner.id(),
                                "evil",
                                "[{\"name\":\"code\",\"type\":\"string\",\"validation\":{\"pattern\":\""
                                        + EVIL_PATTERN
                                        + "\"}}]",
                                "{}")
                        .id()
                        .toString();
        String wide =
                schemas.insertNextVersion(
                                UUID.randomUUID(), partner.id(), "wide", manyFields(100_000), "{}")
                        .id()
                        .toString();
        Path file = Files.writeString(dir.resolve("codes.csv"), "code,f0\naaa,x\n");

        JsonNode evilJob =
                Fixtures.awaitStatus(
                        api,
                        partner,
                        Fixtures.upload(api, partner, file, evil),
                        WAIT,
                        "COMPLETED",
                        "FAILED");
        JsonNode wideJob =
                Fixtures.awaitStatus(
                        api,
                        partner,
                        Fixtures.upload(api, partner, file, wide),
                        WAIT,
                        "COMPLETED",
                        "FAILED");

        assertThat(evilJob.get("status").asText()).isEqualTo("FAILED");
        assertThat(evilJob.get("errorMessage").asText())
                .isEqualTo(
                        "the schema cannot be compiled: "
                                + EVIL_PATTERN_REFUSAL.substring("invalid schema: ".length()));
        assertThat(wideJob.get("status").asText()).isEqualTo("FAILED");
        assertThat(wideJob.get("errorMessage").asText())
                .isEqualTo(
                        "the schema cannot be compiled: the schema has 100000 fields; at most 1000 are allowed (schemas.maxFields)");
    }

    @Test
    void theOperatorsSchemaCreateRefusesASchemaOverTheLimits() throws Exception {
        TestPartner partner = Fixtures.partner(jdbi, "Operator's partner");
        Path schema = Files.writeString(dir.resolve("evil.json"), EVIL_SCHEMA);

        JarProcess.Result result =
                JarProcess.run(
                        Path.of("target/pipeline-app.jar"),
                        dir,
                        "schema",
                        "create",
                        ENV.configFile().toString(),
                        "--partner",
                        partner.id().toString(),
                        "--file",
                        schema.toString());

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isNotZero();
        assertThat(result.stderr()).contains("error: " + EVIL_PATTERN_REFUSAL);
        assertThat(jdbi.onDemand(SchemaDao.class).listForPartner(partner.id())).isEmpty();
    }
}
