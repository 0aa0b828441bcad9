package com.partnerpipeline.app.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.partnerpipeline.app.api.ApiErrors;
import com.partnerpipeline.app.db.DatabaseErrors;
import com.partnerpipeline.app.service.Refusal;
import com.partnerpipeline.app.upload.DiskFull;
import com.partnerpipeline.app.upload.UploadStore;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.EOFException;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into {@code {"error": ...}}: never a stack trace to a partner. */
public final class ErrorResponseMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponseMappers.class);

    private ErrorResponseMappers() {}

    /**
     * Statuses raised by resources and by Jersey itself (unknown route, wrong method, wrong media
     * type).
     */
    public static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response response = e.getResponse();
            if (response.hasEntity()) {
                return response;
            }
            String message =
                    e.getMessage() == null
                            ? response.getStatusInfo().getReasonPhrase()
                            : e.getMessage();
            return ApiErrors.response(
                    response.getStatus(), message.replaceFirst("^HTTP \\d+ ", ""));
        }
    }

    /**
     * What the rules refuse: an unknown id is 404, anything else asked for that cannot be done 400.
     */
    public static final class Refused implements ExceptionMapper<Refusal> {
        @Override
        public Response toResponse(Refusal e) {
            return ApiErrors.response(status(e.kind()), e.getMessage());
        }

        static int status(Refusal.Kind kind) {
            return switch (kind) {
                case NOT_FOUND -> 404;
                case INVALID -> 400;
            };
        }
    }

    /** A request body that is not the JSON expected. */
    public static final class JsonProcessing implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return ApiErrors.response(
                    400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Anything unexpected: logged with an id the partner can quote, answered without details. A
     * database that cannot be reached is a 503, since trying again shortly is the right thing to
     * do.
     */
    public static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            if (e instanceof WebApplicationException web) {
                return new WebApplication().toResponse(web);
            }
            Optional<Response> client = clientFailure(e);
            if (client.isPresent()) {
                return client.get();
            }
            if (DatabaseErrors.isUnavailable(e)) {
                LOG.warn("Database unavailable: {}", e.getMessage());
                return ApiErrors.response(503, "the database is unavailable; try again shortly");
            }
            return internalError(e);
        }
    }

    /**
     * An I/O failure that reached no other answer: a disk that is full is 507, since trying again
     * later is what to do; anything else is unexpected. Without this mapper Jetty answered both
     * with an HTML 500 page.
     */
    public static final class Io implements ExceptionMapper<IOException> {
        @Override
        public Response toResponse(IOException e) {
            Optional<Response> client = clientFailure(e);
            if (client.isPresent()) {
                return client.get();
            }
            if (DiskFull.causedBy(e)) {
                LOG.warn("Disk full: {}", e.getMessage());
                return ApiErrors.response(507, UploadStore.NO_ROOM);
            }
            return internalError(e);
        }
    }

    /**
     * A body the client did not send as it should, found wherever it was wrapped (Jersey wraps what
     * a body reader throws): the client's doing, so answered for the client and never logged as an
     * error.
     */
    private static Optional<Response> clientFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientInput.FailedException failed) {
                return Optional.of(
                        ApiErrors.errorClosingConnection(failed.status(), failed.getMessage())
                                .getResponse());
            }
            if (cause instanceof EOFException) {
                return Optional.of(
                        ApiErrors.errorClosingConnection(400, ClientInput.ENDED_EARLY)
                                .getResponse());
            }
        }
        return Optional.empty();
    }

    /** Logged with an id the partner can quote, answered without details. */
    private static Response internalError(Throwable e) {
        return ApiErrors.response(500, ApiErrors.internalError(LOG, e));
    }
}
