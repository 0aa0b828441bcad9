package com.partnerpipeline.app.upload;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code uploads:} in config.yml: where uploaded files live, how much room they must leave, how
 * long failed ones are kept.
 */
public class UploadConfiguration {
    @NotEmpty private String directory = "data/uploads";

    @NotNull
    @MinDataSize(1)
    private DataSize maxFileSize = DataSize.gibibytes(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration failedRetention = Duration.days(7);

    /**
     * Space kept free on the upload disk. 1 GiB by default: enough headroom for the uploads
     * arriving at the same moment (each is checked against the free space alone, so several can be
     * under way at once) and for what else shares the disk (logs, a database on a single host),
     * while small beside any disk meant for uploads of up to {@link #maxFileSize} (5 GiB). 0 keeps
     * no reserve: only a write that fails for want of space is refused.
     */
    @NotNull private DataSize minFreeSpace = DataSize.gibibytes(1);

    /**
     * Well under Jetty's 1,024 threads (Dropwizard's maxThreads), so a node full of slow uploads
     * still answers the rest.
     */
    @Min(1)
    @Max(100_000)
    private int maxConcurrent = 256;

    /**
     * Enough for a partner's parallel uploads; too few to let one partner's slow clients fill the
     * node.
     */
    @Min(1)
    @Max(100_000)
    private int maxConcurrentPerPartner = 8;

    @JsonProperty
    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    @JsonProperty
    public void setMaxConcurrent(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    @JsonProperty
    public int getMaxConcurrentPerPartner() {
        return maxConcurrentPerPartner;
    }

    @JsonProperty
    public void setMaxConcurrentPerPartner(int maxConcurrentPerPartner) {
        this.maxConcurrentPerPartner = maxConcurrentPerPartner;
    }

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
    public DataSize getMinFreeSpace() {
        return minFreeSpace;
    }

    @JsonProperty
    public void setMinFreeSpace(DataSize minFreeSpace) {
        this.minFreeSpace = minFreeSpace;
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
