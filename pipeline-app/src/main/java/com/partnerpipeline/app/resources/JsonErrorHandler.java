package com.partnerpipeline.app.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.api.ApiError;
import com.partnerpipeline.app.api.ApiErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers Jetty gives itself, before any resource is reached, in the API's shape {@code
 * {"error": ...}} rather than an HTML page: above all the 503 of its graceful stop, given to
 * requests on connections opened before the stop began, which also gets a Retry-After. Also a
 * request Jetty cannot parse (400, 414, 431), and whatever fails outside Jersey's mappers (500,
 * logged under a reference the partner can quote).
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);
    private final ObjectMapper mapper;

    private JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Sets this handler on the server as it starts: Dropwizard gives no other way to reach the
     * server's own error handler.
     */
    public static LifeCycle.Listener installer(ObjectMapper mapper) {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle component) {
                if (component instanceof Server server) {
                    server.setErrorHandler(new JsonErrorHandler(mapper));
                }
            }
        };
    }

    @Override
    protected void generateResponse(
            Request request,
            Response response,
            int code,
            String message,
            Throwable cause,
            Callback callback)
            throws IOException {
        String text = message;
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
            text = ApiErrors.SHUTTING_DOWN; // Jetty answers 503 itself only while its context or
            // server is stopping
            response.getHeaders()
                    .put(HttpHeader.RETRY_AFTER, String.valueOf(ApiErrors.RETRY_AFTER_SECONDS));
        } else if (code
                >= HttpStatus
                        .INTERNAL_SERVER_ERROR_500) { // a failure outside every resource and mapper
            text = ApiErrors.internalError(LOG, cause);
        } else if (cause != null && message.equals(cause.toString())) {
            text = HttpStatus.getMessage(code); // never an exception's name to a partner
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(
                true, ByteBuffer.wrap(mapper.writeValueAsBytes(new ApiError(text))), callback);
    }
}
