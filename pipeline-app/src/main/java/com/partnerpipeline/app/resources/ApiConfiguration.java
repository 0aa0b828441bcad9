package com.partnerpipeline.app.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** {@code api:} in config.yml: what one request, or one client address, may cost the API. */
public class ApiConfiguration {
    /**
     * A schema is a few KiB; 1 MiB leaves room for the largest the schema limits allow and keeps
     * 100 at once cheap.
     */
    @NotNull
    @MinDataSize(1024)
    @MaxDataSize(value = 1, unit = io.dropwizard.util.DataSizeUnit.GIBIBYTES)
    private DataSize maxBodySize = DataSize.mebibytes(1);

    /**
     * Per second. Far below any real link, far above a trickle meant to hold a request thread. 0:
     * no minimum.
     */
    @NotNull private DataSize minDataRate = DataSize.kibibytes(1);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration dataRateWindow = Duration.seconds(10);

    @Min(1)
    @Max(1_000_000)
    private int maxFailedKeys = 20;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration failedKeyWindow = Duration.minutes(1);

    @JsonProperty
    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    @JsonProperty
    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @JsonProperty
    public DataSize getMinDataRate() {
        return minDataRate;
    }

    @JsonProperty
    public void setMinDataRate(DataSize minDataRate) {
        this.minDataRate = minDataRate;
    }

    @JsonProperty
    public Duration getDataRateWindow() {
        return dataRateWindow;
    }

    @JsonProperty
    public void setDataRateWindow(Duration dataRateWindow) {
        this.dataRateWindow = dataRateWindow;
    }

    @JsonProperty
    public int getMaxFailedKeys() {
        return maxFailedKeys;
    }

    @JsonProperty
    public void setMaxFailedKeys(int maxFailedKeys) {
        this.maxFailedKeys = maxFailedKeys;
    }

    @JsonProperty
    public Duration getFailedKeyWindow() {
        return failedKeyWindow;
    }

    @JsonProperty
    public void setFailedKeyWindow(Duration failedKeyWindow) {
        this.failedKeyWindow = failedKeyWindow;
    }
}
