package com.partnerpipeline.app.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;

/** {@code adminAccess:} in config.yml: who may run the admin ports' tasks. */
public class AdminAccessConfiguration {
    /**
     * Null: tasks are turned off. A short token could be guessed by anyone who reaches the admin
     * port.
     */
    @Size(
            min = 16,
            message = "must be at least 16 characters, or empty to turn the admin tasks off")
    private String taskToken;

    @JsonProperty
    public String getTaskToken() {
        return taskToken;
    }

    @JsonProperty
    public void setTaskToken(String taskToken) {
        this.taskToken = taskToken == null || taskToken.isBlank() ? null : taskToken.strip();
    }
}
