package com.partnerpipeline.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.Infrastructure;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.app.worker.Worker;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The REST API against a real PostgreSQL and Redis, with a worker in this JVM. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(PipelineApplication.class, ENV.configFile().toString());
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ApiClient api;
    private static Jdbi jdbi;
    private static Worker worker;
    private static TestPartner acme;
    private static TestPartner other;
    private static String sampleSchema;

    @TempDir Path dir;

    @BeforeAll
    static void startWorker() {
        Infrastructure infrastructure = APP.<PipelineApplication>getApplication().infrastructure();
        api = new ApiClient(APP.getLocalPort());
        jdbi = infrastructure.jdbi();
        acme = Fixtures.partner(jdbi, "Acme");
        other = Fixtures.partner(jdbi, "Other");
        sampleSchema = Fixtures.sampleSchema(api, acme);
        worker = Fixtures.startWorker(infrastructure, APP.getConfiguration(), "api-it-worker");
    }

    @AfterAll
    static void stopWorker() throws Exception {
        worker.stop();
    }

    @Test
    void errorsCsvExportNeutralisesSpreadsheetFormulasAndGivesProgramsTheRawCellsOnRequest()
            throws Exception {
        String schema =
                Fixtures.schema(
                        api,
                        acme,
                        """
                {"name": "formulas", "fields": [{"name": "id", "type": "integer"}, {"name": "v", "type": "integer"},
                  {"name": "age", "type": "integer", "validation": {"min": 0}}],
                 "validation_rules": {"allowExtraFields": false}}
                """);
        Path file =
                Files.writeString(
                        dir.resolve("formulas.jsonl"),
                        """
                {"id": 1, "v": "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"}
                {"id": 2, "v": "+cmd|' /C calc'!A0"}
                {"id": 3, "v": "@SUM(1+1)"}
                {"id": 4, "v": "\\t=1+1"}
                {"id": 5, "v": "\\r=1+1"}
                {"id": 6, "=cmd": 1}
                {"id": 7, "age": -5}
                """);
        String jobId = Fixtures.upload(api, acme, file, schema);
        assertThat(
                        Fixtures.awaitStatus(api, acme, jobId, WAIT, "COMPLETED", "FAILED")
                                .get("status")
                                .asText())
                .isEqualTo("COMPLETED");

        ApiClient.Response safe =
                api.get("/api/jobs/" + jobId + "/errors?format=csv", acme.apiKey());
        ApiClient.Response raw =
                api.get("/api/jobs/" + jobId + "/errors?format=csv&cells=raw", acme.apiKey());
        ApiClient.Response unknown =
                api.get("/api/jobs/" + jobId + "/errors?format=csv&cells=formulas", acme.apiKey());
        JsonNode json = api.get("/api/jobs/" + jobId + "/errors", acme.apiKey()).json().get("data");

        assertThat(safe.body())
                .isEqualTo(
                        """
                record_index,line_number,field,code,message,raw_value
                0,1,v,invalid_type,not a valid integer,"'=HYPERLINK(""http://evil.example"",""click"")"
                1,2,v,invalid_type,not a valid integer,'+cmd|' /C calc'!A0
                2,3,v,invalid_type,not a valid integer,'@SUM(1+1)
                3,4,v,invalid_type,not a valid integer,'\t=1+1
                4,5,v,invalid_type,not a valid integer,"'\r=1+1"
                5,6,'=cmd,rule_violation,unexpected field (the schema does not allow extra fields),1
                6,7,age,too_small,must be at least 0,'-5
                """);
        assertThat(raw.body())
                .isEqualTo(
                        """
                record_index,line_number,field,code,message,raw_value
                0,1,v,invalid_type,not a valid integer,"=HYPERLINK(""http://evil.example"",""click"")"
                1,2,v,invalid_type,not a valid integer,+cmd|' /C calc'!A0
                2,3,v,invalid_type,not a valid integer,@SUM(1+1)
                3,4,v,invalid_type,not a valid integer,\t=1+1
                4,5,v,invalid_type,not a valid integer,"\r=1+1"
                5,6,=cmd,rule_violation,unexpected field (the schema does not allow extra fields),1
                6,7,age,too_small,must be at least 0,-5
                """);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).isEqualTo("cells must be safe or raw");
        assertThat(json)
                .extracting(error -> error.get("rawValue").asText())
                .containsExactly(
                        "=HYPERLINK(\"http://evil.example\",\"click\")",
                        "+cmd|' /C calc'!A0",
                        "@SUM(1+1)",
                        "\t=1+1",
                        "\r=1+1",
                        "1",
                        "-5");
    }

    @Test
    void everyRouteButHealthNeedsAValidKey() {
        String job = "/api/jobs/" + UUID.randomUUID();
        List<String> gets =
                List.of(
                        "/api/jobs",
                        job,
                        job + "/errors",
                        "/api/schemas",
                        "/api/schemas/" + UUID.randomUUID(),
                        "/api/me");
        List<String> posts =
                List.of(job + "/cancel", job + "/retry", "/api/schemas", "/api/upload");
        for (String path : gets) {
            assertUnauthorized(api.get(path, null), "API key is required");
            assertUnauthorized(api.get(path, "pk_wrong"), "Invalid API key");
        }
        for (String path : posts) {
            assertUnauthorized(api.post(path, null, "{}"), "API key is required");
            assertUnauthorized(api.post(path, "pk_wrong", "{}"), "Invalid API key");
        }
        assertThat(api.post("/api/schemas", null, "{}").headers().firstValue("Connection"))
                .as("a body refused unread closes the connection")
                .contains("close");
        ApiClient.Response me = api.get("/api/me", acme.apiKey());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(acme.id().toString());
        assertThat(me.json().get("name").asText()).isEqualTo("Acme");
        ApiClient.Response health = api.get("/api/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("healthy");
        assertThat(health.json().get("services").get("database").asText()).isEqualTo("connected");
        assertThat(health.json().get("services").get("redis").asText()).isEqualTo("connected");
        assertThat(health.json().get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    private static void assertUnauthorized(ApiClient.Response response, String message) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers.csv", "customers.json", "customers.jsonl", "customers.xml"})
    void uploadedSampleIsProcessedToCompletedWithExactCountsAndValues(String file)
            throws Exception {
        Path sample = Fixtures.SAMPLES.resolve(file);
        ApiClient.Response uploaded = api.upload(acme.apiKey(), sample, file, sampleSchema, true);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String jobId = uploaded.json().get("job_id").asText();
        assertThat(uploaded.headers().firstValue("Location")).contains("/api/jobs/" + jobId);
        assertThat(uploaded.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(uploaded.json().get("filename").asText()).isEqualTo(file);
        assertThat(uploaded.json().get("fileSize").asLong()).isEqualTo(Files.size(sample));

        JsonNode job = Fixtures.awaitStatus(api, acme, jobId, WAIT, "COMPLETED", "FAILED");
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("progress").asInt()).isEqualTo(100);
        assertThat(job.get("recordsTotal").asLong()).isEqualTo(1000);
        assertThat(job.get("recordsProcessed").asLong()).isEqualTo(1000);
        assertThat(job.get("recordsFailed").asLong()).isEqualTo(100);
        assertThat(job.get("sha256").asText())
                .isEqualTo(
                        HexFormat.of()
                                .formatHex(
                                        MessageDigest.getInstance("SHA-256")
                                                .digest(Files.readAllBytes(sample))));
        assertThat(job.get("schema").get("name").asText()).isEqualTo("customers");

        UUID id = UUID.fromString(jobId);
        assertThat(count("SELECT count(*) FROM processed_records WHERE job_id = ?", id))
                .isEqualTo(900);
        assertThat(
                        count(
                                "SELECT count(DISTINCT record_index) FROM processing_errors WHERE job_id = ?",
                                id))
                .isEqualTo(100);
        String stored =
                jdbi.withHandle(
                        handle ->
                                handle.createQuery(
                                                "SELECT data::text FROM processed_records WHERE job_id = :id AND record_index = 0")
                                        .bind("id", id)
                                        .mapTo(String.class)
                                        .one());
        JsonNode first = new ObjectMapper().readTree(stored);
        assertThat(first.get("customer_id").asText()).isEqualTo("CUST-000000");
        assertThat(first.get("age").isIntegralNumber()).isTrue();
        assertThat(first.get("newsletter").asBoolean()).isTrue();
        assertThat(first.get("city").asText()).isEqualTo("Berlin");
        try (var files = Files.list(ENV.uploadDirectory())) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .as("a completed job's file is deleted")
                    .noneMatch(name -> name.startsWith(jobId));
        }

        JsonNode errors = api.get("/api/jobs/" + jobId + "/errors?limit=3", acme.apiKey()).json();
        assertThat(errors.get("pagination").get("total").asLong()).isEqualTo(100);
        assertThat(errors.get("pagination").get("totalPages").asLong()).isEqualTo(34);
        assertThat(errors.get("data")).hasSize(3);
        JsonNode firstError = errors.get("data").get(0);
        assertThat(firstError.get("recordIndex").asLong()).isEqualTo(5);
        assertThat(firstError.get("field").asText()).isEqualTo("email");
        assertThat(firstError.get("code").asText()).isEqualTo("invalid_format");
        assertThat(firstError.get("rawValue").asText()).isEqualTo("not-an-email");
        assertThat(errors.get("data").get(1).get("recordIndex").asLong()).isEqualTo(15);

        ApiClient.Response csv =
                api.get("/api/jobs/" + jobId + "/errors?format=csv", acme.apiKey());
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(101);
        assertThat(lines.get(0)).isEqualTo("record_index,line_number,field,code,message,raw_value");
        assertThat(lines.get(1))
                .startsWith("5,")
                .endsWith(",email,invalid_format,not a valid email address,not-an-email");
    }

    @Test
    void schemaIdMayFollowTheFileOrComeAsAQueryParameter() {
        Path file = Fixtures.SAMPLES.resolve("customers.csv");

        ApiClient.Response after = api.upload(acme.apiKey(), file, "a.csv", sampleSchema, false);
        ApiClient.Response inQuery =
                api.uploadTo(
                        "/api/upload?schemaId=" + sampleSchema,
                        acme.apiKey(),
                        file,
                        "b.csv",
                        null,
                        false);
        ApiClient.Response missingSchema = api.upload(acme.apiKey(), file, "c.csv", null, false);
        ApiClient.Response missingFile =
                api.uploadTo("/api/upload", acme.apiKey(), null, null, sampleSchema, true);
        ApiClient.Response notMultipart = api.post("/api/upload", acme.apiKey(), "{}");

        assertThat(after.status()).as(after.body()).isEqualTo(201);
        assertThat(inQuery.status()).as(inQuery.body()).isEqualTo(201);
        assertThat(missingSchema.status()).isEqualTo(400);
        assertThat(missingSchema.error()).isEqualTo("schemaId is required");
        assertThat(missingFile.status()).isEqualTo(400);
        assertThat(missingFile.error()).isEqualTo("the multipart part 'file' is required");
        assertThat(notMultipart.status()).isEqualTo(415);
    }

    @Test
    void refusedUploadsSayWhyAndLeaveNoFileBehind() throws Exception {
        Path big = dir.resolve("big.csv");
        try (var out = Files.newBufferedWriter(big)) {
            out.write("id,label\n");
            for (int i = 0; i < 800_000; i++) { // about 18 MB against the 16 MiB limit
                out.write(i + ",some label text\n");
            }
        }
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path fake = Files.writeString(dir.resolve("fake.csv"), "{\"id\": 1}\n");

        ApiClient.Response tooLarge = api.upload(acme.apiKey(), big, "big.csv", sampleSchema, true);
        ApiClient.Response wrongType =
                api.upload(acme.apiKey(), text, "notes.txt", sampleSchema, true);
        ApiClient.Response wrongContent =
                api.upload(acme.apiKey(), fake, "fake.csv", sampleSchema, true);
        ApiClient.Response unknownSchema =
                api.upload(
                        acme.apiKey(),
                        Fixtures.SAMPLES.resolve("customers.csv"),
                        "x.csv",
                        UUID.randomUUID().toString(),
                        true);
        ApiClient.Response othersSchema =
                api.upload(
                        other.apiKey(),
                        Fixtures.SAMPLES.resolve("customers.csv"),
                        "x.csv",
                        sampleSchema,
                        true);

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.error())
                .isEqualTo(
                        "the file is larger than the limit of 16777216 bytes (uploads.maxFileSize)");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.error()).startsWith("unsupported file type 'notes.txt'");
        assertThat(wrongContent.status()).isEqualTo(415);
        assertThat(wrongContent.error())
                .isEqualTo("the file is named as CSV but its content does not look like CSV");
        assertThat(unknownSchema.status()).isEqualTo(404);
        assertThat(unknownSchema.error()).isEqualTo("Schema not found");
        assertThat(othersSchema.status()).isEqualTo(404);
        if (Files.exists(ENV.uploadDirectory())) {
            try (var files = Files.list(ENV.uploadDirectory())) {
                assertThat(files.filter(path -> !isJobFile(path)).toList()).isEmpty();
            }
        }
    }

    private static boolean isJobFile(Path path) {
        String id = path.getFileName().toString().replaceFirst("\\..*$", "");
        return count("SELECT count(*) FROM jobs WHERE id = ?", UUID.fromString(id)) == 1;
    }

    @Test
    void anotherPartnersJobsAndSchemasDoNotExist() {
        String jobId =
                Fixtures.upload(api, acme, Fixtures.SAMPLES.resolve("customers.csv"), sampleSchema);

        for (String path :
                List.of(
                        "/api/jobs/" + jobId,
                        "/api/jobs/" + jobId + "/errors",
                        "/api/schemas/" + sampleSchema)) {
            ApiClient.Response response = api.get(path, other.apiKey());
            assertThat(response.status()).as(path).isEqualTo(404);
        }
        assertThat(api.post("/api/jobs/" + jobId + "/cancel", other.apiKey(), null).status())
                .isEqualTo(404);
        assertThat(api.post("/api/jobs/" + jobId + "/retry", other.apiKey(), null).status())
                .isEqualTo(404);
        assertThat(api.get("/api/jobs", other.apiKey()).json().get("data").findValuesAsText("id"))
                .doesNotContain(jobId);
        assertThat(api.get("/api/schemas", other.apiKey()).json().findValuesAsText("id"))
                .doesNotContain(sampleSchema);
        assertThat(api.get("/api/jobs/not-a-uuid", acme.apiKey()).error())
                .isEqualTo("Job not found");
    }

    @Test
    void schemasAreCompiledBeforeTheyAreStoredAndVersionedByName() {
        TestPartner partner = Fixtures.partner(jdbi, "Versions");
        String v1 = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
        ApiClient.Response v2 = api.post("/api/schemas", partner.apiKey(), Fixtures.NUMBERS_SCHEMA);
        ApiClient.Response invalid =
                api.post(
                        "/api/schemas",
                        partner.apiKey(),
                        "{\"name\": \"bad\", \"fields\": [{\"name\": \"age\", \"type\": \"integer\", \"validation\": {\"min\": 9, \"max\": 1}}]}");
        ApiClient.Response notJson = api.post("/api/schemas", partner.apiKey(), "{\"name\": ");

        assertThat(v2.status()).isEqualTo(201);
        assertThat(v2.json().get("version").asInt()).isEqualTo(2);
        assertThat(v2.headers().firstValue("Location"))
                .contains("/api/schemas/" + v2.json().get("id").asText());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error())
                .isEqualTo(
                        "invalid schema: field 'age': validation: min (9) is greater than max (1)");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error()).startsWith("request body is not valid JSON");
        JsonNode list = api.get("/api/schemas", partner.apiKey()).json();
        assertThat(list.findValuesAsText("version")).containsExactly("2", "1");
        JsonNode one = api.get("/api/schemas/" + v1, partner.apiKey()).json();
        assertThat(one.get("name").asText()).isEqualTo("numbers");
        assertThat(one.get("fields").get(0).get("name").asText()).isEqualTo("id");
    }

    @Test
    void jobListIsPagedNewestFirstAndFiltered() {
        TestPartner partner = Fixtures.partner(jdbi, "Pages");
        String schema = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
        Path file = Fixtures.numbersCsv(dir, "n.csv", 10, 0);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Fixtures.upload(api, partner, file, schema));
        }
        for (String id : ids) {
            Fixtures.awaitStatus(api, partner, id, WAIT, "COMPLETED");
        }
        api.post("/api/jobs/" + ids.get(0) + "/cancel", partner.apiKey(), null);

        JsonNode page1 = api.get("/api/jobs?page=1&limit=2", partner.apiKey()).json();
        JsonNode page3 = api.get("/api/jobs?page=3&limit=2", partner.apiKey()).json();
        assertThat(page1.get("data").findValuesAsText("id"))
                .containsExactly(ids.get(4), ids.get(3));
        assertThat(page3.get("data").findValuesAsText("id")).containsExactly(ids.get(0));
        assertThat(page1.get("pagination"))
                .isEqualTo(
                        new ObjectMapper()
                                .valueToTree(
                                        Map.of(
                                                "page",
                                                1,
                                                "limit",
                                                2,
                                                "total",
                                                5,
                                                "totalPages",
                                                3)));
        assertThat(
                        api.get("/api/jobs?status=completed", partner.apiKey())
                                .json()
                                .get("pagination")
                                .get("total")
                                .asInt())
                .isEqualTo(5);
        assertThat(api.get("/api/jobs?status=FAILED", partner.apiKey()).json().get("data"))
                .isEmpty();
        assertThat(
                        api.get("/api/jobs?limit=1000", partner.apiKey())
                                .json()
                                .get("pagination")
                                .get("limit")
                                .asInt())
                .isEqualTo(100);
        assertThat(api.get("/api/jobs?page=0", partner.apiKey()).status()).isEqualTo(400);
        assertThat(api.get("/api/jobs?page=abc", partner.apiKey()).error())
                .isEqualTo("page must be a whole number from 1");
        assertThat(api.get("/api/jobs?status=DONE", partner.apiKey()).status()).isEqualTo(400);
    }

    @Test
    void completedJobCannotBeCancelledOrRetried() {
        TestPartner partner = Fixtures.partner(jdbi, "Done");
        String schema = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
        String jobId =
                Fixtures.upload(api, partner, Fixtures.numbersCsv(dir, "n.csv", 10, 0), schema);
        Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED");

        ApiClient.Response cancel =
                api.post("/api/jobs/" + jobId + "/cancel", partner.apiKey(), null);
        ApiClient.Response retry =
                api.post("/api/jobs/" + jobId + "/retry", partner.apiKey(), null);

        assertThat(cancel.status()).isEqualTo(400);
        assertThat(cancel.error())
                .isEqualTo(
                        "only PENDING or PROCESSING jobs can be cancelled; this one is COMPLETED");
        assertThat(retry.status()).isEqualTo(400);
        assertThat(retry.error())
                .isEqualTo("only FAILED jobs can be retried; this one is COMPLETED");
    }

    @Test
    void failedJobKeepsItsFileAndRetryStartsItCleanWithoutDuplicates() throws Exception {
        TestPartner partner = Fixtures.partner(jdbi, "Retry");
        String schema = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
        Path truncated = dir.resolve("truncated.json");
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 450; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\": ")
                    .append(i)
                    .append(", \"label\": \"r\"}\n");
        }
        Files.writeString(truncated, json.append(",{\"id\": "));

        String jobId = Fixtures.upload(api, partner, truncated, schema);
        JsonNode failed = Fixtures.awaitStatus(api, partner, jobId, WAIT, "FAILED", "COMPLETED");

        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("errorMessage").asText())
                .startsWith("cannot read the file at record 450 (line 451");
        assertThat(failed.get("recordsProcessed").asLong()).isEqualTo(450);
        UUID id = UUID.fromString(jobId);
        assertThat(count("SELECT count(*) FROM processed_records WHERE job_id = ?", id))
                .isEqualTo(450);
        try (var files = Files.list(ENV.uploadDirectory())) {
            assertThat(files.map(path -> path.getFileName().toString())).contains(jobId + ".json");
        }

        ApiClient.Response retry =
                api.post("/api/jobs/" + jobId + "/retry", partner.apiKey(), null);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().get("status").asText()).isIn("PENDING", "PROCESSING", "FAILED");
        JsonNode again = Fixtures.awaitStatus(api, partner, jobId, WAIT, "FAILED");
        assertThat(again.get("recordsProcessed").asLong()).isEqualTo(450);
        assertThat(count("SELECT count(*) FROM processed_records WHERE job_id = ?", id))
                .isEqualTo(450);
        assertThat(
                        count(
                                "SELECT count(DISTINCT record_index) FROM processed_records WHERE job_id = ?",
                                id))
                .isEqualTo(450);
    }

    @Test
    void hostileValuesAreStoredNotTurnedIntoFailures() throws Exception {
        TestPartner partner = Fixtures.partner(jdbi, "Hostile");
        String schema = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
        Path file =
                Files.writeString(
                        dir.resolve("nul.jsonl"),
                        "{\"id\": 1, \"label\": \"a\\u0000b\"}\n{\"id\": \"x\\u0000\", \"label\": \"tab\\there\\\\n\"}\n");

        String jobId = Fixtures.upload(api, partner, file, schema);
        JsonNode job = Fixtures.awaitStatus(api, partner, jobId, WAIT, "COMPLETED", "FAILED");

        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("recordsFailed").asLong()).isEqualTo(1);
        String label =
                jdbi.withHandle(
                        handle ->
                                handle.createQuery(
                                                "SELECT data->>'label' FROM processed_records WHERE job_id = :id")
                                        .bind("id", UUID.fromString(jobId))
                                        .mapTo(String.class)
                                        .one());
        assertThat(label).isEqualTo("a\uFFFDb");
        JsonNode error =
                api.get("/api/jobs/" + jobId + "/errors", partner.apiKey())
                        .json()
                        .get("data")
                        .get(0);
        assertThat(error.get("rawValue").asText()).isEqualTo("x\\u0000");
    }

    @Test
    void whatJettyRefusesBeforeAnyResourceIsJsonToo() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.getOutputStream()
                    .write(
                            ("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "
                                            + "x".repeat(20_000)
                                            + "\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            String answer =
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer)
                    .startsWith("HTTP/1.1 431 ")
                    .contains("Content-Type: application/json")
                    .endsWith("\r\n\r\n{\"error\":\"Request Header Fields Too Large\"}");
        }
    }

    static long count(String sql, UUID id) {
        return jdbi.withHandle(handle -> handle.select(sql, id).mapTo(Long.class).one());
    }
}
