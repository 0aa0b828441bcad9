package com.partnerpipeline.app.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** {@code worker:} in config.yml: how workers take, run and hand back jobs. */
public class WorkerConfiguration {
    @Min(1)
    @Max(64)
    private int concurrency = 2;

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration progressInterval = Duration.seconds(2);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration staleAfter = Duration.seconds(30);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration sweepInterval = Duration.seconds(30);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration shutdownTimeout = Duration.seconds(30);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration retryBackoffLimit = Duration.minutes(2);

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration takeoverCheckInterval = Duration.seconds(2);

    @Min(1)
    @Max(100)
    private int maxAttempts = 3;

    @Min(0)
    @Max(65535)
    private int adminPort = 8082;

    /**
     * Loopback unless the operator opens it: the admin port has metrics and thread dumps, and no
     * authentication.
     */
    @NotEmpty private String adminHost = "127.0.0.1";

    @JsonProperty
    public int getConcurrency() {
        return concurrency;
    }

    @JsonProperty
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    @JsonProperty
    public Duration getProgressInterval() {
        return progressInterval;
    }

    @JsonProperty
    public void setProgressInterval(Duration progressInterval) {
        this.progressInterval = progressInterval;
    }

    @JsonProperty
    public Duration getStaleAfter() {
        return staleAfter;
    }

    @JsonProperty
    public void setStaleAfter(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    @JsonProperty
    public Duration getSweepInterval() {
        return sweepInterval;
    }

    @JsonProperty
    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    @JsonProperty
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    @JsonProperty
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    @JsonProperty
    public Duration getRetryBackoffLimit() {
        return retryBackoffLimit;
    }

    @JsonProperty
    public void setRetryBackoffLimit(Duration retryBackoffLimit) {
        this.retryBackoffLimit = retryBackoffLimit;
    }

    /**
     * How often a worker looks for jobs whose holder stopped beating: a takeover comes this long
     * after staleAfter.
     */
    @JsonProperty
    public Duration getTakeoverCheckInterval() {
        return takeoverCheckInterval;
    }

    @JsonProperty
    public void setTakeoverCheckInterval(Duration takeoverCheckInterval) {
        this.takeoverCheckInterval = takeoverCheckInterval;
    }

    /**
     * Runs of a job that may stop without finishing (crash, out of memory, freeze) before it is set
     * aside as FAILED.
     */
    @JsonProperty
    public int getMaxAttempts() {
        return maxAttempts;
    }

    @JsonProperty
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** The {@code worker} command's metrics and health checks; 0 turns them off. */
    @JsonProperty
    public int getAdminPort() {
        return adminPort;
    }

    @JsonProperty
    public void setAdminPort(int adminPort) {
        this.adminPort = adminPort;
    }

    /** The address the admin port listens on; 0.0.0.0 for every interface. */
    @JsonProperty
    public String getAdminHost() {
        return adminHost;
    }

    @JsonProperty
    public void setAdminHost(String adminHost) {
        this.adminHost = adminHost;
    }
}
