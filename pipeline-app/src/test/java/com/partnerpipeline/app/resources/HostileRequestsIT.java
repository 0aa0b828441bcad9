package com.partnerpipeline.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.RawHttp;
import com.partnerpipeline.app.testing.TestEnvironment;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests no well-behaved client sends, over raw sockets: each gets a JSON answer that names the
 * problem.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostileRequestsIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(
                    PipelineApplication.class,
                    ENV.configFile().toString(),
                    ConfigOverride.config("api.maxBodySize", "64KiB"));
    private static final int READ_MILLIS = 10_000;

    private static ApiClient api;
    private static Jdbi jdbi;
    private static TestPartner acme;
    private static String schema;

    @BeforeAll
    static void partner() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = ENV.jdbi();
        acme = Fixtures.partner(jdbi, "Acme");
        schema = Fixtures.sampleSchema(api, acme);
    }

    @Test
    void noPathParameterEncodingOrCaseReachesAResourceWithoutAKey() throws IOException {
        List<String> paths =
                List.of(
                        "/api;x=1/jobs",
                        "/api;/jobs",
                        "/api;x=1/me",
                        "/%61pi/jobs",
                        "/API/jobs",
                        "/Api/me",
                        "/api/jobs;x=1",
                        "/api/./jobs",
                        "/api/health/../jobs",
                        "/api/health;x=1/../jobs",
                        "/api%2Fjobs",
                        "/api/%6Aobs",
                        "/api;x=1/schemas/" + UUID.randomUUID(),
                        "/api;x=1/upload");
        for (String path : paths) {
            RawHttp.Answer answer =
                    RawHttp.exchange(
                            APP.getLocalPort(),
                            "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + "Connection: close",
                            new byte[0],
                            READ_MILLIS);

            assertThat(answer.status()).as(path + " -> " + answer).isIn(400, 401, 404);
            assertThat(answer.headers().get("content-type"))
                    .as(path)
                    .startsWith("application/json");
            assertThat(answer.body()).as(path).doesNotContain("Exception").doesNotContain("acme");
        }
        RawHttp.Answer withKey =
                RawHttp.exchange(
                        APP.getLocalPort(),
                        "GET /api;x=1/me HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                                + acme.apiKey()
                                + "\r\nConnection: close",
                        new byte[0],
                        READ_MILLIS);
        assertThat(withKey.status()).as(withKey.raw()).isEqualTo(200);
        assertThat(withKey.json().get("id").asText()).isEqualTo(acme.id().toString());
        RawHttp.Answer health =
                RawHttp.exchange(
                        APP.getLocalPort(),
                        "GET /api/health;v=1 HTTP/1.1\r\nHost: x\r\n" + "Connection: close",
                        new byte[0],
                        READ_MILLIS);
        assertThat(health.status()).as(health.raw()).isEqualTo(200);
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedWith413() throws IOException {
        RawHttp.Answer declared =
                RawHttp.headOnly(
                        APP.getLocalPort(),
                        "POST /api/schemas HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                                + acme.apiKey()
                                + "\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n"
                                + "Expect: 100-continue",
                        READ_MILLIS);
        assertThat(declared.status()).as(declared.raw()).isEqualTo(413);
        assertThat(declared.raw()).doesNotContain("100 Continue");
        assertThat(declared.error())
                .isEqualTo(
                        "the request body is larger than the limit of 65536 bytes (api.maxBodySize)");

        String big =
                "{\"name\": \"big\", \"fields\": [], \"pad\": \"" + "x".repeat(200_000) + "\"}";
        byte[] chunked = chunked(big.getBytes(StandardCharsets.UTF_8));
        RawHttp.Answer streamed =
                RawHttp.exchange(
                        APP.getLocalPort(),
                        "POST /api/schemas HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                                + acme.apiKey()
                                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                        chunked,
                        READ_MILLIS);
        assertThat(streamed.status()).as(streamed.raw()).isEqualTo(413);
        assertThat(streamed.error())
                .isEqualTo(
                        "the request body is larger than the limit of 65536 bytes (api.maxBodySize)");
        assertThat(api.get("/api/schemas", acme.apiKey()).json().findValuesAsText("name"))
                .doesNotContain("big");
    }

    @Test
    void anUploadDeclaredOverTheLimitIsRefusedBeforeItsBodyIsRead() throws IOException {
        RawHttp.Answer answer =
                RawHttp.headOnly(
                        APP.getLocalPort(),
                        "POST /api/upload?schemaId="
                                + schema
                                + " HTTP/1.1\r\n"
                                + "Host: x\r\nX-API-Key: "
                                + acme.apiKey()
                                + "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                                + "Content-Length: "
                                + 3L * 16 * 1024 * 1024
                                + "\r\nExpect: 100-continue",
                        READ_MILLIS);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(413);
        assertThat(answer.raw()).doesNotContain("100 Continue");
        assertThat(answer.error())
                .isEqualTo(
                        "the file is larger than the limit of 16777216 bytes (uploads.maxFileSize)");
        assertThat(answer.headers().get("connection")).isEqualTo("close");
    }

    @Test
    void aMultipartBodyCutShortIs400AndKeepsNothing() throws IOException {
        String head =
                "--b\r\nContent-Disposition: form-data; name=\"schemaId\"\r\n\r\n"
                        + schema
                        + "\r\n"
                        + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.csv\"\r\n\r\nid,name\n1,a\n2,b\n";
        byte[] endsInsideTheFile = head.getBytes(StandardCharsets.US_ASCII);
        RawHttp.Answer noClosingBoundary = upload(endsInsideTheFile, endsInsideTheFile.length);
        RawHttp.Answer shorterThanDeclared =
                upload(endsInsideTheFile, endsInsideTheFile.length + 1000);

        assertThat(noClosingBoundary.status()).as(noClosingBoundary.raw()).isEqualTo(400);
        assertThat(noClosingBoundary.error()).isEqualTo("the multipart body ends inside a part");
        assertThat(shorterThanDeclared.status()).as(shorterThanDeclared.raw()).isEqualTo(400);
        assertThat(shorterThanDeclared.error())
                .isEqualTo("the request body ended before its Content-Length");
        assertNothingKept();
    }

    @Test
    void controlCharactersInAFileNameOrASchemaAre400() throws IOException {
        String body =
                "--b\r\nContent-Disposition: form-data; name=\"schemaId\"\r\n\r\n"
                        + schema
                        + "\r\n"
                        + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.csv\"\r\n\r\nid,name\n1,a\n\r\n--b--\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        RawHttp.Answer nulName = upload(bytes, bytes.length);
        ApiClient.Response nulSchemaName =
                api.post(
                        "/api/schemas",
                        acme.apiKey(),
                        "{\"name\": \"a\\u0000b\", \"fields\": [{\"name\": \"id\", \"type\": \"integer\"}]}");
        ApiClient.Response nulFieldName =
                api.post(
                        "/api/schemas",
                        acme.apiKey(),
                        "{\"name\": \"nul\", \"fields\": [{\"name\": \"i\\u0000d\", \"type\": \"integer\"}]}");
        ApiClient.Response nulDefault =
                api.post(
                        "/api/schemas",
                        acme.apiKey(),
                        "{\"name\": \"nul\", \"fields\": "
                                + "[{\"name\": \"id\", \"type\": \"string\", \"transform\": {\"default\": \"\\u0000\"}}]}");

        assertThat(nulName.status()).as(nulName.raw()).isEqualTo(400);
        assertThat(nulName.error()).isEqualTo("the file name contains a control character");
        assertThat(nulSchemaName.status()).as(nulSchemaName.body()).isEqualTo(400);
        assertThat(nulSchemaName.error())
                .isEqualTo("invalid schema: name contains a control character");
        assertThat(nulFieldName.status()).as(nulFieldName.body()).isEqualTo(400);
        assertThat(nulDefault.status()).as(nulDefault.body()).isEqualTo(400);
        assertNothingKept();
    }

    @Test
    void hostileParametersGetAClearAnswerNeverAServerError() throws IOException {
        String job = Fixtures.upload(api, acme, Fixtures.SAMPLES.resolve("customers.csv"), schema);
        List<String> values =
                List.of(
                        "%00",
                        "-1",
                        "0",
                        "99999999999999999999",
                        "1e9",
                        "%E2%80%AE",
                        "%FF%FE",
                        "x".repeat(5000),
                        "1;DROP%20TABLE%20jobs",
                        "%27%22",
                        "NaN");
        List<String> templates =
                List.of(
                        "/api/jobs?page=%s",
                        "/api/jobs?limit=%s",
                        "/api/jobs?status=%s",
                        "/api/jobs/%s",
                        "/api/jobs/" + job + "/errors?page=%s",
                        "/api/jobs/" + job + "/errors?limit=%s",
                        "/api/jobs/" + job + "/errors?format=%s",
                        "/api/schemas/%s",
                        "/api/jobs/%s/errors");
        for (String template : templates) {
            for (String value : values) {
                String path = template.formatted(value);
                RawHttp.Answer answer =
                        RawHttp.exchange(
                                APP.getLocalPort(),
                                "GET "
                                        + path
                                        + " HTTP/1.1\r\nHost: x\r\n"
                                        + "X-API-Key: "
                                        + acme.apiKey()
                                        + "\r\nConnection: close",
                                new byte[0],
                                READ_MILLIS);

                assertThat(answer.status())
                        .as(path + " -> " + answer.raw())
                        .isIn(200, 400, 404, 414);
                assertThat(answer.headers().get("content-type"))
                        .as(path)
                        .startsWith(
                                answer.status() == 200 && path.contains("format=")
                                        ? ""
                                        : "application/json");
                if (answer.status() != 200) {
                    assertThat(answer.error()).as(path).isNotBlank().doesNotContain("Exception");
                }
            }
        }
        long jobs =
                jdbi.withHandle(
                        handle ->
                                handle.select("SELECT count(*) FROM jobs").mapTo(Long.class).one());
        assertThat(jobs).isEqualTo(1);
        String file =
                jdbi.withHandle(
                        handle ->
                                handle.select("DELETE FROM jobs RETURNING file_path")
                                        .mapTo(String.class)
                                        .one());
        Files.delete(
                java.nio.file.Path.of(file)); // the other tests check that nothing is left behind
    }

    /**
     * {@code body} as a multipart upload (boundary {@code b}) declaring {@code contentLength}, then
     * the end of sending.
     */
    private static RawHttp.Answer upload(byte[] body, long contentLength) throws IOException {
        return RawHttp.exchange(
                APP.getLocalPort(),
                "POST /api/upload HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                        + acme.apiKey()
                        + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: "
                        + contentLength,
                body,
                READ_MILLIS);
    }

    private static void assertNothingKept() throws IOException {
        long jobs =
                jdbi.withHandle(
                        handle ->
                                handle.select("SELECT count(*) FROM jobs").mapTo(Long.class).one());
        assertThat(jobs).isZero();
        if (Files.exists(ENV.uploadDirectory())) {
            try (Stream<java.nio.file.Path> files = Files.list(ENV.uploadDirectory())) {
                assertThat(files.toList()).isEmpty();
            }
        }
    }

    private static byte[] chunked(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (int at = 0; at < data.length; at += 8192) {
            int length = Math.min(8192, data.length - at);
            out.append(Integer.toHexString(length))
                    .append("\r\n")
                    .append(new String(data, at, length, StandardCharsets.ISO_8859_1))
                    .append("\r\n");
        }
        return out.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
