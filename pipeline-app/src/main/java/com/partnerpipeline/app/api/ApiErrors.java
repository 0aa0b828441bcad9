package com.partnerpipeline.app.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * Error responses in the one shape partners get: {@code {"error": "message"}} with the right
 * status.
 */
public final class ApiErrors {
    /**
     * 503 while the server stops: the partner's next try reaches a node that runs (or this one,
     * restarted).
     */
    public static final String SHUTTING_DOWN = "the server is shutting down; try again";

    /**
     * Long enough for a load balancer to stop sending to a stopping node, or for a restart; short
     * enough for a script's retry.
     */
    public static final int RETRY_AFTER_SECONDS = 5;

    private ApiErrors() {}

    public static WebApplicationException error(Response.Status status, String message) {
        return error(status.getStatusCode(), message);
    }

    public static WebApplicationException error(int status, String message) {
        return new WebApplicationException(message, response(status, message));
    }

    /**
     * For answers given before the request body was read (no key, too large): the connection cannot
     * be reused, and saying so keeps clients from sending their next request on a connection the
     * server is closing.
     */
    public static WebApplicationException errorClosingConnection(int status, String message) {
        return new WebApplicationException(
                message,
                Response.fromResponse(response(status, message))
                        .header("Connection", "close")
                        .build());
    }

    /**
     * 503 with Retry-After to an upload refused or stopped by a shutdown; its body is left unread.
     */
    public static WebApplicationException shuttingDown() {
        return busy(SHUTTING_DOWN);
    }

    /** 503 with Retry-After: this node cannot take the request now; its body is left unread. */
    public static WebApplicationException busy(String message) {
        return new WebApplicationException(
                message,
                Response.fromResponse(response(503, message))
                        .header("Retry-After", RETRY_AFTER_SECONDS)
                        .header("Connection", "close")
                        .build());
    }

    /**
     * 429: the client sends too much; {@code Retry-After} says when it may try again. The
     * connection is not reused.
     */
    public static WebApplicationException tooManyRequests(String message, long retryAfterSeconds) {
        return new WebApplicationException(
                message,
                Response.fromResponse(response(429, message))
                        .header("Retry-After", retryAfterSeconds)
                        .header("Connection", "close")
                        .build());
    }

    /**
     * Logs {@code cause} (which may be null) under a new reference, and returns the words for the
     * partner, which quote it.
     */
    public static String internalError(Logger log, Throwable cause) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error {}", reference, cause);
        return "internal error (reference " + reference + ")";
    }

    public static Response response(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(message))
                .build();
    }

    public static WebApplicationException notFound(String what) {
        return error(Response.Status.NOT_FOUND, what + " not found");
    }
}
