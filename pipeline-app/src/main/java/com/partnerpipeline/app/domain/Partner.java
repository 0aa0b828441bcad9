package com.partnerpipeline.app.domain;

import java.security.Principal;
import java.time.Instant;
import java.util.UUID;

/** A partner; the authenticated principal of every {@code /api} request. */
public record Partner(UUID id, String name, String webhookUrl, Instant createdAt)
        implements Principal {
    @Override
    public String getName() {
        return name;
    }
}
