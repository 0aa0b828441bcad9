package com.partnerpipeline.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.TestEnvironment;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API with Redis unreachable: it runs, says it is unhealthy, and still takes uploads. */
@ExtendWith(DropwizardExtensionsSupport.class)
class HealthIT {
    private static final TestEnvironment ENV = TestEnvironment.create("redis://127.0.0.1:1");
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(PipelineApplication.class, ENV.configFile().toString());

    @Test
    void healthIs503NamingRedisWhenRedisIsUnreachable() throws Exception {
        ApiClient.Response health = new ApiClient(APP.getLocalPort()).get("/api/health", null);

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("status").asText()).isEqualTo("unhealthy");
        assertThat(health.json().get("services").get("database").asText()).isEqualTo("connected");
        assertThat(health.json().get("services").get("redis").asText()).isEqualTo("disconnected");

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
        assertThat(adminCheck.body()).contains("\"redis\"").contains("Redis does not answer");
    }

    @Test
    void uploadsAreStillTakenAndLeftForTheSweep() {
        ApiClient api = new ApiClient(APP.getLocalPort());
        var jdbi = APP.<PipelineApplication>getApplication().infrastructure().jdbi();
        Fixtures.TestPartner partner = Fixtures.partner(jdbi, "NoRedis");
        String schema = Fixtures.sampleSchema(api, partner);

        String jobId =
                Fixtures.upload(api, partner, Fixtures.SAMPLES.resolve("customers.csv"), schema);

        assertThat(api.get("/api/jobs/" + jobId, partner.apiKey()).json().get("status").asText())
                .isEqualTo("PENDING");
    }
}
