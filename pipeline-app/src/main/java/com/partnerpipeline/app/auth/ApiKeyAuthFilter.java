package com.partnerpipeline.app.auth;

import com.partnerpipeline.app.core.Partner;
import com.partnerpipeline.app.resources.ApiErrors;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;

/**
 * {@code X-API-Key} on every {@code /api} route but {@code /api/health}: 401 when missing or unknown. It runs before
 * Jersey matches a route, so no answer (415, 405, 404) tells a caller without a key anything about the API.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyAuthFilter extends AuthFilter<String, Partner> {
    public static final String HEADER = "X-API-Key";

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("api/") && !path.equals("api") || path.startsWith("api/health")) {
            return;
        }
        String apiKey = request.getHeaderString(HEADER);
        if (apiKey == null || apiKey.isBlank()) {
            throw unauthorized(request, "API key is required");
        }
        if (!authenticate(request, apiKey.trim(), "API-KEY")) {
            throw unauthorized(request, "Invalid API key");
        }
    }

    /** A request with a body that is refused unread must not leave its connection to be reused. */
    private static WebApplicationException unauthorized(ContainerRequestContext request, String message) {
        return request.hasEntity() ? ApiErrors.errorClosingConnection(401, message)
                : ApiErrors.error(Response.Status.UNAUTHORIZED, message);
    }

    public static final class Builder extends AuthFilterBuilder<String, Partner, ApiKeyAuthFilter> {
        @Override
        protected ApiKeyAuthFilter newInstance() {
            return new ApiKeyAuthFilter();
        }
    }
}
