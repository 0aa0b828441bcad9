package com.partnerpipeline.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.SlowUpload;
import com.partnerpipeline.app.testing.SocketClient;
import com.partnerpipeline.app.testing.TestEnvironment;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that would hold the API's threads or hammer its key checks: slow uploads are bounded per
 * partner and per node and cut when they trickle, wrong keys are counted per address; every other
 * client is served meanwhile.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AbusiveClientsIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(
                    PipelineApplication.class,
                    ENV.configFile().toString(),
                    ConfigOverride.config("uploads.maxConcurrentPerPartner", "2"),
                    ConfigOverride.config("uploads.maxConcurrent", "3"),
                    ConfigOverride.config("api.minDataRate", "16KiB"),
                    ConfigOverride.config("api.dataRateWindow", "5s"),
                    ConfigOverride.config("api.maxFailedKeys", "5"),
                    ConfigOverride.config("api.failedKeyWindow", "3s"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ApiClient api;
    private static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = ENV.jdbi();
    }

    @Test
    void slowUploadsAreBoundedPerPartnerAndPerNodeAndCutWhenTheyTrickle() throws Exception {
        TestPartner acme = Fixtures.partner(jdbi, "Acme");
        TestPartner globex = Fixtures.partner(jdbi, "Globex");
        TestPartner initech = Fixtures.partner(jdbi, "Initech");
        TestPartner reader = Fixtures.partner(jdbi, "Reader");
        String acmeSchema = Fixtures.sampleSchema(api, acme);
        String globexSchema = Fixtures.sampleSchema(api, globex);
        String initechSchema = Fixtures.sampleSchema(api, initech);
        int port = APP.getLocalPort();

        try (SlowUpload first = SlowUpload.start(port, acme.apiKey(), acmeSchema, 8_000_000);
                SlowUpload second = SlowUpload.start(port, acme.apiKey(), acmeSchema, 8_000_000)) {
            awaitReceiving(2);
            try (SlowUpload third = SlowUpload.start(port, acme.apiKey(), acmeSchema, 8_000_000)) {
                SlowUpload.Outcome refused = third.awaitOutcome(WAIT);
                assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
                assertThat(refused.headers()).containsEntry("retry-after", "5");
                assertThat(refused.json().get("error").asText())
                        .isEqualTo(
                                "the partner's uploads arriving at once are at "
                                        + "the limit of 2 (uploads.maxConcurrentPerPartner); try again when one has finished");
            }
            try (SlowUpload other =
                    SlowUpload.start(port, globex.apiKey(), globexSchema, 8_000_000)) {
                awaitReceiving(3);
                try (SlowUpload overNode =
                        SlowUpload.start(port, initech.apiKey(), initechSchema, 8_000_000)) {
                    SlowUpload.Outcome busy = overNode.awaitOutcome(WAIT);
                    assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
                    assertThat(busy.headers()).containsEntry("retry-after", "5");
                    assertThat(busy.json().get("error").asText())
                            .isEqualTo(
                                    "the server's uploads arriving at once are at "
                                            + "the limit of 3 (uploads.maxConcurrent); try again shortly");
                }
                ApiClient.Response jobs = api.get("/api/jobs", reader.apiKey());
                assertThat(jobs.status())
                        .as("other routes answer while the node is full of uploads")
                        .isEqualTo(200);

                for (SlowUpload trickle : List.of(first, second, other)) {
                    SlowUpload.Outcome cut = trickle.awaitOutcome(WAIT);
                    assertThat(cut.status()).as(cut.toString()).isEqualTo(408);
                    assertThat(cut.json().get("error").asText())
                            .isEqualTo(
                                    "the request body arrived slower than 16384 "
                                            + "bytes per second over 5 s (api.minDataRate)");
                }
            }
        }
        awaitReceiving(0);
        String jobId =
                Fixtures.upload(api, acme, Fixtures.SAMPLES.resolve("customers.csv"), acmeSchema);
        assertThat(jobId).isNotBlank();
        long jobs =
                jdbi.withHandle(
                        handle ->
                                handle.select("SELECT count(*) FROM jobs").mapTo(Long.class).one());
        assertThat(jobs).as("no refused or cut upload left a job").isEqualTo(1);
    }

    @Test
    void anAddressSendingWrongKeysIsRefusedForAWhileThenServedAgain() {
        TestPartner partner = Fixtures.partner(jdbi, "Keys");
        for (int i = 0; i < 5; i++) {
            ApiClient.Response wrong = api.get("/api/jobs", "pk_wrong_" + i);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.error()).isEqualTo("Invalid API key");
        }

        ApiClient.Response refused = api.get("/api/jobs", "pk_wrong_again");
        ApiClient.Response evenAGoodKey = api.get("/api/me", partner.apiKey());
        ApiClient.Response health = api.get("/api/health", null);
        SocketClient.Close socket =
                SocketClient.connect(
                                APP.getLocalPort(),
                                UUID.randomUUID().toString(),
                                "partnerId=" + partner.id(),
                                partner.apiKey())
                        .awaitClose(WAIT);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.error())
                .matches("too many invalid API keys from this address; try again in [1-3] s");
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3));
        assertThat(evenAGoodKey.status())
                .as("a guesser must not learn which key is right")
                .isEqualTo(429);
        assertThat(health.status()).isEqualTo(200);
        assertThat(socket.code())
                .as("the live-progress handshake counts and refuses alike")
                .isEqualTo(1013);
        assertThat(socket.reason()).startsWith("too many invalid API keys from this address");
        Fixtures.awaitTrue(
                () -> api.get("/api/me", partner.apiKey()).status() == 200,
                WAIT,
                "the address is served again once its window has passed");
    }

    private static void awaitReceiving(int uploads) {
        Gauge<?> receiving =
                APP.getEnvironment().metrics().getGauges().get("pipeline.uploads.receiving");
        Fixtures.awaitTrue(
                () -> receiving.getValue().equals(uploads), WAIT, uploads + " uploads arriving");
    }
}
