package com.partnerpipeline.app.domain;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code schemas}: a partner's schema as registered, its JSON kept as text. */
public record StoredSchema(
        UUID id,
        UUID partnerId,
        String name,
        int version,
        String fields,
        String validationRules,
        Instant createdAt) {}
