package com.partnerpipeline.app.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/** {@code redis:} in config.yml. */
public class RedisConfiguration {
    @NotEmpty
    @Pattern(regexp = "rediss?://.+", message = "must look like redis://host:port")
    private String address = "redis://127.0.0.1:6379";

    private String password;

    /** Every key this application uses starts with this, so several deployments (or test runs) can share a Redis. */
    @NotEmpty
    private String keyPrefix = "pipeline";

    @JsonProperty
    public String getAddress() {
        return address;
    }

    @JsonProperty
    public void setAddress(String address) {
        this.address = address;
    }

    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password == null || password.isEmpty() ? null : password;
    }

    @JsonProperty
    public String getKeyPrefix() {
        return keyPrefix;
    }

    @JsonProperty
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }
}
