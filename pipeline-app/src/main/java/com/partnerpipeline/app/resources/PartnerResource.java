package com.partnerpipeline.app.resources;

import com.partnerpipeline.app.api.PartnerView;
import com.partnerpipeline.app.domain.Partner;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/me}: who the API key belongs to. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public final class PartnerResource {
    @GET
    public PartnerView me(@Auth Partner partner) {
        return PartnerView.of(partner);
    }
}
