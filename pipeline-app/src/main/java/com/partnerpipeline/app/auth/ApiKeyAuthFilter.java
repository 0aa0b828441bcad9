package com.partnerpipeline.app.auth;

import com.partnerpipeline.app.core.Partner;
import com.partnerpipeline.app.resources.ApiErrors;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/** {@code X-API-Key} on every route that takes an {@code @Auth Partner}: 401 when missing or unknown. */
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyAuthFilter extends AuthFilter<String, Partner> {
    public static final String HEADER = "X-API-Key";

    @Override
    public void filter(ContainerRequestContext request) {
        String apiKey = request.getHeaderString(HEADER);
        if (apiKey == null || apiKey.isBlank()) {
            throw ApiErrors.error(Response.Status.UNAUTHORIZED, "API key is required");
        }
        if (!authenticate(request, apiKey.trim(), "API-KEY")) {
            throw ApiErrors.error(Response.Status.UNAUTHORIZED, "Invalid API key");
        }
    }

    public static final class Builder extends AuthFilterBuilder<String, Partner, ApiKeyAuthFilter> {
        @Override
        protected ApiKeyAuthFilter newInstance() {
            return new ApiKeyAuthFilter();
        }
    }
}
