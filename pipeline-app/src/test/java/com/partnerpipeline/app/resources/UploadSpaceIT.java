package com.partnerpipeline.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.SlowUpload;
import com.partnerpipeline.app.testing.TestEnvironment;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reserve of free space on the upload disk ({@code uploads.minFreeSpace}), on whatever disk
 * this machine has: a reserve of 1 PiB is more than any disk's free space, so health says so and
 * every upload is refused before a byte of it is stored. Runs everywhere; {@link DiskFullIT} covers
 * a write that really fills a disk.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UploadSpaceIT {
    private static final long ONE_PIB = 1L << 50;
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(
                    PipelineApplication.class,
                    ENV.configFile().toString(),
                    ConfigOverride.config("uploads.minFreeSpace", "1PiB"));

    @Test
    void healthReportsTheUploadDisksSpaceAndIs503BelowTheReserve() throws Exception {
        ApiClient.Response health = new ApiClient(APP.getLocalPort()).get("/api/health", null);

        assertThat(health.status()).as(health.body()).isEqualTo(503);
        assertThat(health.json().get("status").asText()).isEqualTo("unhealthy");
        assertThat(health.json().get("services").get("database").asText()).isEqualTo("connected");
        assertThat(health.json().get("services").get("redis").asText()).isEqualTo("connected");
        JsonNode uploads = health.json().get("uploads");
        assertThat(uploads.get("status").asText()).isEqualTo("low");
        assertThat(uploads.get("minFreeBytes").asLong()).isEqualTo(ONE_PIB);
        FileStore disk = Files.getFileStore(ENV.uploadDirectory());
        assertThat(uploads.get("totalBytes").asLong()).isEqualTo(disk.getTotalSpace());
        // other processes write to this disk too: the figure is the one of the moment, within a
        // margin
        assertThat(uploads.get("freeBytes").asLong())
                .isPositive()
                .isCloseTo(disk.getUsableSpace(), org.assertj.core.data.Offset.offset(256L << 20));

        HttpResponse<String> adminCheck =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + APP.getAdminPort()
                                                                + "/healthcheck"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(adminCheck.statusCode()).isEqualTo(500);
        assertThat(adminCheck.body())
                .contains("\"uploads\"")
                .contains("below uploads.minFreeSpace");
    }

    @Test
    void uploadsAreRefusedWith507BeforeAnythingIsStored() throws Exception {
        ApiClient api = new ApiClient(APP.getLocalPort());
        Fixtures.TestPartner partner =
                Fixtures.partner(
                        APP.<PipelineApplication>getApplication().infrastructure().jdbi(),
                        "Reserve");
        String schema = Fixtures.sampleSchema(api, partner);

        ApiClient.Response chunked =
                api.upload(
                        partner.apiKey(),
                        Fixtures.SAMPLES.resolve("customers.csv"),
                        "customers.csv",
                        schema,
                        true);
        SlowUpload.Outcome declared;
        try (SlowUpload upload =
                SlowUpload.start(APP.getLocalPort(), partner.apiKey(), schema, 10_000_000)) {
            declared = upload.awaitOutcome(Duration.ofSeconds(30));
        }

        assertThat(chunked.status()).as(chunked.body()).isEqualTo(507);
        assertThat(chunked.error())
                .isEqualTo("the server has no room for this upload; try again later");
        assertThat(chunked.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(declared.status()).as(declared.toString()).isEqualTo(507);
        assertThat(declared.json().get("error").asText())
                .isEqualTo("the server has no room for this upload; try again later");
        assertThat(declared.headers()).containsEntry("connection", "close");
        assertThat(
                        api.get("/api/jobs", partner.apiKey())
                                .json()
                                .get("pagination")
                                .get("total")
                                .asLong())
                .isZero();
        try (var files = Files.list(ENV.uploadDirectory())) {
            assertThat(files.toList()).isEmpty();
        }
    }
}
