package com.partnerpipeline.app.api;

import java.util.UUID;

/** The schema a job was validated against, as shown with the job. */
public record SchemaSummary(UUID id, String name, int version) {}
