package com.partnerpipeline.app.auth;

import com.partnerpipeline.app.api.ApiErrors;
import com.partnerpipeline.app.domain.Partner;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code X-API-Key} on every request the API's resources can see but {@code GET /api/health}: 401
 * when missing or unknown. It runs before Jersey matches a route, so no answer (415, 405, 404)
 * tells a caller without a key anything about the API; and it decides on the decoded path segments,
 * without their parameters, so no spelling of a path ({@code /api;x=1/jobs}, {@code /%61pi/jobs})
 * reaches a resource without a key. An address that keeps sending wrong keys is refused with 429
 * for a while.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyAuthFilter extends AuthFilter<String, Partner> {
    public static final String HEADER = "X-API-Key";

    private final FailedKeyLimiter failures;

    @Context private HttpServletRequest servletRequest;

    private ApiKeyAuthFilter(FailedKeyLimiter failures) {
        this.failures = failures;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isHealth(request.getUriInfo().getPathSegments())) {
            return;
        }
        String address = servletRequest.getRemoteAddr();
        failures.refusedFor(address)
                .ifPresent(
                        seconds -> {
                            throw ApiErrors.tooManyRequests(
                                    FailedKeyLimiter.refusal(seconds), seconds);
                        });
        String apiKey = request.getHeaderString(HEADER);
        if (apiKey == null || apiKey.isBlank()) {
            throw unauthorized(request, "API key is required");
        }
        if (!authenticate(request, apiKey.trim(), "API-KEY")) {
            failures.failed(address);
            throw unauthorized(request, "Invalid API key");
        }
    }

    /**
     * Exactly {@code /api/health}: every other path needs a key, whether a route exists for it or
     * not.
     */
    private static boolean isHealth(List<PathSegment> segments) {
        List<String> names =
                segments.stream()
                        .map(PathSegment::getPath)
                        .filter(name -> !name.isEmpty())
                        .toList();
        return names.equals(List.of("api", "health"));
    }

    /** A request with a body that is refused unread must not leave its connection to be reused. */
    private static WebApplicationException unauthorized(
            ContainerRequestContext request, String message) {
        return request.hasEntity()
                ? ApiErrors.errorClosingConnection(401, message)
                : ApiErrors.error(Response.Status.UNAUTHORIZED, message);
    }

    public static final class Builder extends AuthFilterBuilder<String, Partner, ApiKeyAuthFilter> {
        private final FailedKeyLimiter failures;

        public Builder(FailedKeyLimiter failures) {
            this.failures = failures;
        }

        @Override
        protected ApiKeyAuthFilter newInstance() {
            return new ApiKeyAuthFilter(failures);
        }
    }
}
