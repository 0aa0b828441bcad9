package com.partnerpipeline.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.partnerpipeline.app.api.ApiError;
import com.partnerpipeline.app.service.Refusal;
import com.partnerpipeline.app.upload.UploadRejected;
import com.partnerpipeline.app.upload.UploadStore;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.io.EOFException;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * How the resources turn what the rules and the stores answer into statuses: always {@code
 * {"error": ...}}, never a stack trace. The integration tests check the same answers over real
 * HTTP; these pin every outcome, fast.
 */
class ErrorStatusesTest {
    @Test
    void whatTheRulesRefuseIs404ForAnUnknownIdAnd400OtherwiseInTheRulesWords() {
        assertAnswer(
                new ErrorResponseMappers.Refused().toResponse(Refusal.notFound("Job")),
                404,
                "Job not found");
        assertAnswer(
                new ErrorResponseMappers.Refused()
                        .toResponse(Refusal.invalid("only FAILED jobs can be retried")),
                400,
                "only FAILED jobs can be retried");
    }

    @Test
    void everyKindOfRefusalHasItsStatus() {
        assertThat(ErrorResponseMappers.Refused.status(Refusal.Kind.NOT_FOUND)).isEqualTo(404);
        assertThat(ErrorResponseMappers.Refused.status(Refusal.Kind.INVALID)).isEqualTo(400);
    }

    @Test
    void everyReasonAnUploadIsRefusedForHasItsStatus() {
        assertThat(UploadResource.status(UploadRejected.Reason.INVALID)).isEqualTo(400);
        assertThat(UploadResource.status(UploadRejected.Reason.UNSUPPORTED_TYPE)).isEqualTo(415);
        assertThat(UploadResource.status(UploadRejected.Reason.TOO_LARGE)).isEqualTo(413);
        assertThat(UploadResource.status(UploadRejected.Reason.NO_ROOM)).isEqualTo(507);
    }

    @Test
    void aFullDiskIs507InTheUploadsWords() {
        Response response =
                new ErrorResponseMappers.Io()
                        .toResponse(new IOException("No space left on device"));

        assertAnswer(response, 507, UploadStore.NO_ROOM);
    }

    @Test
    void aBodyThatEndsEarlyIs400AndTheConnectionIsClosed() {
        Response response = new ErrorResponseMappers.Io().toResponse(new EOFException());

        assertAnswer(response, 400, ClientInput.ENDED_EARLY);
        assertThat(response.getHeaderString("Connection")).isEqualTo("close");
    }

    @Test
    void anUnreachableDatabaseIs503AndAnythingUnexpectedA500WithAReference() {
        RuntimeException unreachable =
                new RuntimeException(new SQLException("connection refused", "08001"));
        assertAnswer(
                new ErrorResponseMappers.Unexpected().toResponse(unreachable),
                503,
                "the database is unavailable; try again shortly");

        Response unexpected =
                new ErrorResponseMappers.Unexpected().toResponse(new IllegalStateException("bug"));
        assertThat(unexpected.getStatus()).isEqualTo(500);
        assertThat(((ApiError) unexpected.getEntity()).error())
                .matches("internal error \\(reference [0-9a-f]{8}\\)");
    }

    @Test
    void jerseysOwnStatusesGetTheSameShape() {
        assertAnswer(
                new ErrorResponseMappers.WebApplication().toResponse(new NotFoundException()),
                404,
                "Not Found");
        assertAnswer(
                new ErrorResponseMappers.JsonProcessing()
                        .toResponse(new JsonParseException(null, "Unexpected end")),
                400,
                "request body is not valid JSON: Unexpected end");
    }

    private static void assertAnswer(Response response, int status, String message) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getEntity()).isEqualTo(new ApiError(message));
    }
}
