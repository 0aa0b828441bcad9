package com.partnerpipeline.app.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * Ids in paths and forms: something that is not a UUID names nothing, so it is a 404 like any
 * unknown id.
 */
public final class Ids {
    private Ids() {}

    public static Optional<UUID> parse(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
