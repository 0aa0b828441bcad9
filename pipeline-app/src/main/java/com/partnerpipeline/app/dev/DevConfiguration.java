package com.partnerpipeline.app.dev;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/**
 * {@code dev:} in config.yml: read only by the {@code dev} command, which runs its own PostgreSQL
 * and Redis.
 */
public class DevConfiguration {
    @NotEmpty private String dataDirectory = "data/dev";

    @Min(0)
    @Max(65535)
    private int postgresPort = 0;

    @Min(0)
    @Max(65535)
    private int redisPort = 0;

    @JsonProperty
    public String getDataDirectory() {
        return dataDirectory;
    }

    @JsonProperty
    public void setDataDirectory(String dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** 0: any free port. */
    @JsonProperty
    public int getPostgresPort() {
        return postgresPort;
    }

    @JsonProperty
    public void setPostgresPort(int postgresPort) {
        this.postgresPort = postgresPort;
    }

    /** 0: any free port. */
    @JsonProperty
    public int getRedisPort() {
        return redisPort;
    }

    @JsonProperty
    public void setRedisPort(int redisPort) {
        this.redisPort = redisPort;
    }
}
