package com.partnerpipeline.app.redis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotEmpty;
import java.util.Objects;

/** {@code redis:} in config.yml. */
public class RedisConfiguration {
    /**
     * Credentials, database and TLS may be in the URL; whatever is in it is used, or the start
     * refused.
     */
    @NotEmpty @RedisUrl private String address = "redis://127.0.0.1:6379";

    private String password;

    /**
     * Every key this application uses starts with this, so several deployments (or test runs) can
     * share a Redis.
     */
    @NotEmpty private String keyPrefix = "pipeline";

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

    /** The address taken apart; valid once the configuration is. */
    @JsonIgnore
    public RedisAddress parsedAddress() {
        return RedisAddress.parse(address);
    }

    /** The password AUTH sends: the URL's, or else redis.password. */
    @JsonIgnore
    public String effectivePassword() {
        String inUrl = parsedAddress().password();
        return inUrl != null ? inUrl : password;
    }

    /** Two different passwords: whichever were used, the operator meant the other somewhere. */
    @JsonIgnore
    @ValidationMethod(
            message =
                    "redis.address has a password and redis.password (REDIS_PASSWORD) another one: "
                            + "give it in one place")
    public boolean isPasswordGivenOnce() {
        try {
            String inUrl = address == null ? null : RedisAddress.parse(address).password();
            return inUrl == null || password == null || Objects.equals(inUrl, password);
        } catch (IllegalArgumentException e) {
            return true; // @RedisUrl says what is wrong with the address
        }
    }
}
