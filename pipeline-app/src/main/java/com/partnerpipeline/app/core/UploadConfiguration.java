package com.partnerpipeline.app.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code uploads:} in config.yml: where uploaded files live and how long failed ones are kept. */
public class UploadConfiguration {
    @NotEmpty
    private String directory = "data/uploads";

    @NotNull
    @MinDataSize(1)
    private DataSize maxFileSize = DataSize.gibibytes(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration failedRetention = Duration.days(7);

    @JsonProperty
    public String getDirectory() {
        return directory;
    }

    @JsonProperty
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public Path directoryPath() {
        return Path.of(directory);
    }

    @JsonProperty
    public DataSize getMaxFileSize() {
        return maxFileSize;
    }

    @JsonProperty
    public void setMaxFileSize(DataSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    @JsonProperty
    public Duration getFailedRetention() {
        return failedRetention;
    }

    @JsonProperty
    public void setFailedRetention(Duration failedRetention) {
        this.failedRetention = failedRetention;
    }
}
