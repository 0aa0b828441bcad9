package com.partnerpipeline.app.websocket;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * {@code webSocket:} in config.yml: how live job sockets are kept alive, and when a client is
 * dropped.
 */
public class WebSocketConfiguration {
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration pingInterval = Duration.seconds(20);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration idleTimeout = Duration.seconds(60);

    @Min(1)
    @Max(100_000)
    private int maxQueuedMessages = 256;

    @JsonProperty
    public Duration getPingInterval() {
        return pingInterval;
    }

    @JsonProperty
    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }

    @JsonProperty
    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    @JsonProperty
    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    @JsonProperty
    public int getMaxQueuedMessages() {
        return maxQueuedMessages;
    }

    @JsonProperty
    public void setMaxQueuedMessages(int maxQueuedMessages) {
        this.maxQueuedMessages = maxQueuedMessages;
    }

    @JsonIgnore
    @ValidationMethod(
            message =
                    "idleTimeout must be longer than pingInterval, or live clients would be dropped")
    public boolean isIdleTimeoutLongerThanPings() {
        return idleTimeout.toNanoseconds() > pingInterval.toNanoseconds();
    }
}
