package com.partnerpipeline.app.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.domain.Sha256;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.SlowUpload;
import com.partnerpipeline.app.testing.SmallDisk;
import com.partnerpipeline.app.testing.TestEnvironment;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads onto a disk that really fills up: the upload directory is a 2 MiB tmpfs, so the write
 * past its end fails with ENOSPC from the kernel, as on a full production disk. Needs root with the
 * mount capability; where a container refuses the mount, these tests are skipped saying why, and
 * {@link UploadSpaceIT} still covers the reserve.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DiskFullIT {
    private static final long DISK_BYTES = 2L << 20;
    private static final long RESERVE_BYTES = 256L << 10;
    private static final String NO_ROOM = "the server has no room for this upload; try again later";
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final Optional<SmallDisk> DISK =
            SmallDisk.mount(ENV.directory().resolve("small-disk"), DISK_BYTES);
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(
                    PipelineApplication.class,
                    ENV.configFile().toString(),
                    ConfigOverride.config(
                            "uploads.directory", ENV.directory().resolve("small-disk").toString()),
                    ConfigOverride.config("uploads.minFreeSpace", RESERVE_BYTES + "B"));

    private static ApiClient api;
    private static Fixtures.TestPartner partner;
    private static String schema;

    @TempDir Path dir;

    @BeforeAll
    static void setUp() {
        assumeTrue(DISK.isPresent(), SmallDisk.unavailableBecause());
        api = new ApiClient(APP.getLocalPort());
        partner =
                Fixtures.partner(
                        APP.<PipelineApplication>getApplication().infrastructure().jdbi(),
                        "Small disk");
        schema = Fixtures.sampleSchema(api, partner);
    }

    @AfterAll
    static void unmount() {
        DISK.ifPresent(SmallDisk::close);
    }

    private static Path disk() {
        return DISK.orElseThrow().directory();
    }

    @Test
    void aWriteThatFillsTheDiskIs507WithThePartialFileRemovedAndEarlierUploadsKept()
            throws Exception {
        Path sample = Fixtures.SAMPLES.resolve("customers.csv");
        String keptJob = Fixtures.upload(api, partner, sample, schema);
        long jobsBefore = jobCount();
        Path tooBig = Fixtures.numbersCsv(dir, "too-big.csv", 300_000, 0); // about 4 MB onto 2 MiB

        ApiClient.Response full =
                api.upload(
                        partner.apiKey(),
                        tooBig,
                        "too-big.csv",
                        schema,
                        true); // chunked: no size known up front

        assertThat(full.status()).as(full.body()).isEqualTo(507);
        assertThat(full.error()).isEqualTo(NO_ROOM);
        assertThat(jobCount()).isEqualTo(jobsBefore);
        JsonNode kept = api.get("/api/jobs/" + keptJob, partner.apiKey()).json();
        assertThat(kept.get("status").asText()).isEqualTo("PENDING");
        try (var files = Files.list(disk())) {
            assertThat(files.map(path -> path.getFileName().toString()).toList())
                    .containsExactly(keptJob + ".csv");
        }
        assertThat(sha256(disk().resolve(keptJob + ".csv")))
                .isEqualTo(kept.get("sha256").asText())
                .isEqualTo(sha256(sample));

        ApiClient.Response health = api.get("/api/health", null);
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().get("uploads").get("totalBytes").asLong()).isEqualTo(DISK_BYTES);
        assertThat(health.json().get("uploads").get("freeBytes").asLong())
                .isEqualTo(Files.getFileStore(disk()).getUsableSpace());
        assertThat(health.json().get("uploads").get("status").asText()).isEqualTo("ok");
    }

    @Test
    void belowTheReserveHealthIs503AndUploadsAreRefusedUntilSpaceIsFreed() throws Exception {
        Path filler = disk().resolve("filler.bin");
        long jobsBefore = jobCount();
        try {
            fill(filler, Files.getFileStore(disk()).getUsableSpace() - RESERVE_BYTES / 2);

            ApiClient.Response health = api.get("/api/health", null);
            ApiClient.Response refused =
                    api.upload(
                            partner.apiKey(),
                            Fixtures.SAMPLES.resolve("customers.csv"),
                            "customers.csv",
                            schema,
                            true);

            assertThat(health.status()).as(health.body()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("unhealthy");
            JsonNode uploads = health.json().get("uploads");
            assertThat(uploads.get("status").asText()).isEqualTo("low");
            assertThat(uploads.get("freeBytes").asLong())
                    .isLessThan(RESERVE_BYTES)
                    .isEqualTo(Files.getFileStore(disk()).getUsableSpace());
            assertThat(uploads.get("minFreeBytes").asLong()).isEqualTo(RESERVE_BYTES);
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
            assertThat(refused.status()).as(refused.body()).isEqualTo(507);
            assertThat(refused.error()).isEqualTo(NO_ROOM);
        } finally {
            Files.deleteIfExists(filler);
        }
        assertThat(api.get("/api/health", null).status()).isEqualTo(200);

        long room = Files.getFileStore(disk()).getUsableSpace() - RESERVE_BYTES;
        SlowUpload.Outcome declaredTooBig;
        try (SlowUpload upload =
                SlowUpload.start(APP.getLocalPort(), partner.apiKey(), schema, room + 1)) {
            declaredTooBig = upload.awaitOutcome(Duration.ofSeconds(30));
        }
        assertThat(declaredTooBig.status()).as(declaredTooBig.toString()).isEqualTo(507);
        assertThat(declaredTooBig.json().get("error").asText()).isEqualTo(NO_ROOM);
        assertThat(declaredTooBig.headers()).containsEntry("connection", "close");
        assertThat(jobCount()).isEqualTo(jobsBefore);
        try (var files = Files.list(disk())) {
            assertThat(
                            files.filter(path -> path.getFileName().toString().endsWith(".csv"))
                                    .filter(path -> !isJob(path))
                                    .toList())
                    .isEmpty();
        }
    }

    private static boolean isJob(Path file) {
        String id = file.getFileName().toString().replace(".csv", "");
        return api.get("/api/jobs/" + id, partner.apiKey()).status() == 200;
    }

    private static long jobCount() {
        return api.get("/api/jobs", partner.apiKey())
                .json()
                .get("pagination")
                .get("total")
                .asLong();
    }

    /** Really written, not a sparse file: tmpfs counts only the pages that hold data. */
    private static void fill(Path file, long bytes) throws Exception {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] block = new byte[4096];
            Arrays.fill(block, (byte) 'x');
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        var digest = Sha256.newDigest();
        digest.update(Files.readAllBytes(file));
        return HexFormat.of().formatHex(digest.digest());
    }
}
