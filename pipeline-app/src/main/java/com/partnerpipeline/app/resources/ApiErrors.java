package com.partnerpipeline.app.resources;

import com.partnerpipeline.app.api.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Error responses in the one shape partners get: {@code {"error": "message"}} with the right status. */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static WebApplicationException error(Response.Status status, String message) {
        return error(status.getStatusCode(), message);
    }

    public static WebApplicationException error(int status, String message) {
        return new WebApplicationException(message, response(status, message));
    }

    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(message)).build();
    }

    public static WebApplicationException notFound(String what) {
        return error(Response.Status.NOT_FOUND, what + " not found");
    }
}
