package com.partnerpipeline.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A registered schema. */
public record SchemaView(
        UUID id,
        String name,
        int version,
        JsonNode fields,
        JsonNode validationRules,
        Instant createdAt) {}
