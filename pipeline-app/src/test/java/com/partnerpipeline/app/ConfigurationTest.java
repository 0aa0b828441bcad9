package com.partnerpipeline.app;

import com.partnerpipeline.formats.ReaderLimits;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped config.yml parses, validates and carries the documented defaults. */
class ConfigurationTest {
    @Test
    void shippedConfigLoadsWithDefaults() throws Exception {
        var factory = new YamlConfigurationFactory<>(PipelineConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw");
        var provider = new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false));

        PipelineConfiguration configuration = factory.build(provider, "../config.yml");

        assertThat(configuration.getProcessing().getBatchSize()).isEqualTo(100);
        assertThat(configuration.getProcessing().readerLimits()).isEqualTo(ReaderLimits.DEFAULTS);
    }
}
