package com.partnerpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.formats.ReaderLimits;
import com.partnerpipeline.schema.SchemaLimits;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

/** The shipped config.yml parses, validates and carries the documented defaults. */
class ConfigurationTest {
    @Test
    void shippedConfigLoadsWithDefaults() throws Exception {
        var factory =
                new YamlConfigurationFactory<>(
                        PipelineConfiguration.class,
                        Validators.newValidator(),
                        Jackson.newObjectMapper(),
                        "dw");
        var provider =
                new SubstitutingSourceProvider(
                        new FileConfigurationSourceProvider(),
                        new EnvironmentVariableSubstitutor(false));

        PipelineConfiguration configuration = factory.build(provider, "../config.yml");

        assertThat(configuration.getProcessing().getBatchSize()).isEqualTo(100);
        assertThat(configuration.getProcessing().readerLimits()).isEqualTo(ReaderLimits.DEFAULTS);
        assertThat(configuration.getSchemas().toLimits()).isEqualTo(SchemaLimits.DEFAULTS);
        assertThat(configuration.getWebSocket().getPingInterval().toSeconds()).isEqualTo(20);
        assertThat(configuration.getWebSocket().getIdleTimeout().toSeconds()).isEqualTo(60);
        assertThat(configuration.getWebSocket().getMaxQueuedMessages()).isEqualTo(256);
        assertThat(configuration.getApi().getMaxBodySize().toBytes()).isEqualTo(1024 * 1024);
        assertThat(configuration.getApi().getMinDataRate().toBytes()).isEqualTo(1024);
        assertThat(configuration.getApi().getDataRateWindow().toSeconds()).isEqualTo(10);
        assertThat(configuration.getApi().getMaxFailedKeys()).isEqualTo(20);
        assertThat(configuration.getApi().getFailedKeyWindow().toSeconds()).isEqualTo(60);
        assertThat(configuration.getUploads().getMaxConcurrentPerPartner()).isEqualTo(8);
        assertThat(configuration.getUploads().getMaxConcurrent()).isEqualTo(256);
        var server =
                (io.dropwizard.core.server.DefaultServerFactory) configuration.getServerFactory();
        assertThat(
                        ((io.dropwizard.jetty.HttpConnectorFactory)
                                        server.getAdminConnectors().get(0))
                                .getBindHost())
                .isEqualTo("127.0.0.1");
        assertThat(configuration.getWorker().getAdminHost()).isEqualTo("127.0.0.1");
        assertThat(configuration.getAdminAccess().getTaskToken())
                .as("tasks off until an operator sets a token")
                .isNull();
    }

    @Test
    void anAdminTokenShorterThan16CharactersIsRefused() throws Exception {
        var type = com.partnerpipeline.app.ops.AdminAccessConfiguration.class;

        assertThat(
                        Validators.newValidator()
                                .validate(
                                        Jackson.newObjectMapper()
                                                .readValue("{\"taskToken\": \"secret\"}", type)))
                .extracting(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                .containsExactly(
                        "taskToken must be at least 16 characters, or empty to turn the admin tasks off");
        assertThat(
                        Validators.newValidator()
                                .validate(
                                        Jackson.newObjectMapper()
                                                .readValue("{\"taskToken\": \"\"}", type)))
                .isEmpty();
        assertThat(
                        Validators.newValidator()
                                .validate(
                                        Jackson.newObjectMapper()
                                                .readValue(
                                                        "{\"taskToken\": \"0123456789abcdef\"}",
                                                        type)))
                .isEmpty();
    }

    @Test
    void anIdleTimeoutShorterThanThePingsIsRefused() {
        var config = new com.partnerpipeline.app.websocket.WebSocketConfiguration();
        config.setPingInterval(io.dropwizard.util.Duration.seconds(30));
        config.setIdleTimeout(io.dropwizard.util.Duration.seconds(10));

        assertThat(Validators.newValidator().validate(config))
                .extracting(violation -> violation.getMessage())
                .containsExactly(
                        "idleTimeout must be longer than pingInterval, or live clients would be dropped");
    }

    @Test
    void schemaLimitsBelowTheirMinimumAreRefused() throws Exception {
        var type = com.partnerpipeline.app.service.SchemaLimitsConfiguration.class;
        var config =
                Jackson.newObjectMapper().readValue("{\"maxFields\": 0, \"maxDepth\": 3}", type);

        assertThat(Jackson.newObjectMapper().readValue("{\"maxEnumValues\": 5}", type).toLimits())
                .isEqualTo(new SchemaLimits(1000, 256, 32, 1000, 10_000, 5, 1000, 100));

        assertThat(Validators.newValidator().validate(config))
                .extracting(violation -> violation.getPropertyPath().toString())
                .containsExactlyInAnyOrder("maxFields", "maxDepth");
    }
}
