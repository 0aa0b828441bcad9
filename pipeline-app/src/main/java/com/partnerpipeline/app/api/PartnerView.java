package com.partnerpipeline.app.api;

import com.partnerpipeline.app.domain.Partner;
import java.time.Instant;
import java.util.UUID;

/**
 * The partner an API key belongs to: what a client needs to open a job socket ({@code partnerId}).
 */
public record PartnerView(UUID id, String name, Instant createdAt) {
    public static PartnerView of(Partner partner) {
        return new PartnerView(partner.id(), partner.name(), partner.createdAt());
    }
}
