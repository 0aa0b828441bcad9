package com.partnerpipeline.app.resources;

import com.partnerpipeline.app.api.ApiErrors;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;

/**
 * Bounds every request body a resource reads whole (JSON) to {@code api.maxBodySize}: 413 before a
 * byte is read when Content-Length says more (so no {@code 100 Continue} is sent), or as soon as a
 * body without one goes past it; read as {@link ClientInput}, so a body that trickles is cut too.
 * Uploads, which stream to disk under their own size limit, read their body the same way
 * themselves.
 */
public final class RequestBodyLimit implements DynamicFeature {
    private final long maxBytes;
    private final ClientInput.Limits limits;

    public RequestBodyLimit(long maxBytes, ClientInput.Limits limits) {
        this.maxBytes = maxBytes;
        this.limits = limits;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        boolean streamed =
                consumes != null
                        && Arrays.asList(consumes.value()).contains(MediaType.MULTIPART_FORM_DATA);
        if (!streamed) {
            context.register(new Filter());
        }
    }

    String message() {
        return "the request body is larger than the limit of "
                + maxBytes
                + " bytes (api.maxBodySize)";
    }

    @Priority(Priorities.ENTITY_CODER)
    private final class Filter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            // not hasEntity(), which reads: it would send 100 Continue, and fail on a body cut
            // short
            if (request.getLength() > maxBytes) {
                throw ApiErrors.errorClosingConnection(413, message());
            }
            request.setEntityStream(
                    new ClientInput(request.getEntityStream(), limits, maxBytes, message()));
        }
    }
}
