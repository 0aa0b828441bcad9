package com.partnerpipeline.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.partnerpipeline.app.core.ProcessingConfiguration;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The application's configuration; every key is documented in {@code config.yml}. */
public class PipelineConfiguration extends Configuration {
    @Valid
    @NotNull
    private ProcessingConfiguration processing = new ProcessingConfiguration();

    @JsonProperty
    public ProcessingConfiguration getProcessing() {
        return processing;
    }

    @JsonProperty
    public void setProcessing(ProcessingConfiguration processing) {
        this.processing = processing;
    }
}
