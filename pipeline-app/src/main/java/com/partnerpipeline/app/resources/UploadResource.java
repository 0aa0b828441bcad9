package com.partnerpipeline.app.resources;

import com.partnerpipeline.app.api.ApiErrors;
import com.partnerpipeline.app.api.UploadResponse;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.Partner;
import com.partnerpipeline.app.service.JobService;
import com.partnerpipeline.app.upload.MalformedMultipartException;
import com.partnerpipeline.app.upload.MultipartFormReader;
import com.partnerpipeline.app.upload.StoredUpload;
import com.partnerpipeline.app.upload.UploadMetrics;
import com.partnerpipeline.app.upload.UploadRejected;
import com.partnerpipeline.app.upload.UploadStore;
import com.partnerpipeline.app.upload.UploadsInFlight;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

/**
 * {@code POST /api/upload}: streams the file to its final place while it arrives, creates the job
 * and queues it. Nothing is parsed before answering, so the answer takes the same time whatever the
 * file size. An upload the disk has no room for is 507, one refused or stopped by a shutdown 503;
 * neither leaves a file or a job behind.
 */
@Path("/api/upload")
@Produces(MediaType.APPLICATION_JSON)
public final class UploadResource {
    private static final int MAX_FIELD_BYTES = 200;

    private final UploadStore store;
    private final JobService jobs;
    private final UploadMetrics metrics;
    private final UploadsInFlight inFlight;
    private final ClientInput.Limits bodyLimits;

    public UploadResource(
            UploadStore store,
            JobService jobs,
            UploadMetrics metrics,
            UploadsInFlight inFlight,
            ClientInput.Limits bodyLimits) {
        this.store = store;
        this.jobs = jobs;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.bodyLimits = bodyLimits;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(
            @Auth Partner partner,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long contentLength,
            @QueryParam("schemaId") String schemaIdParameter,
            InputStream body)
            throws IOException {
        UploadsInFlight.Pass pass = admit(partner);
        try (pass) {
            store.ensureWithinLimit(contentLength);
            store.ensureRoom(contentLength);
            return receive(
                    partner,
                    contentType,
                    schemaIdParameter,
                    new ClientInput(body, bodyLimits, Long.MAX_VALUE, ""),
                    pass);
        } catch (UploadRejected e) {
            throw e.bodyLeftUnread()
                    ? ApiErrors.errorClosingConnection(status(e.reason()), e.getMessage())
                    : ApiErrors.error(status(e.reason()), e.getMessage());
        } catch (RuntimeException | IOException e) {
            if (pass.stopped()) { // the read failed because the shutdown interrupted it
                throw ApiErrors.shuttingDown();
            }
            if (e instanceof ClientInput.FailedException failed) {
                throw ApiErrors.errorClosingConnection(failed.status(), failed.getMessage());
            }
            throw e;
        }
    }

    static int status(UploadRejected.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case UNSUPPORTED_TYPE -> 415;
            case TOO_LARGE -> 413;
            case NO_ROOM -> 507;
        };
    }

    private UploadsInFlight.Pass admit(Partner partner) {
        try {
            return inFlight.enter(partner.id());
        } catch (UploadsInFlight.RefusedException e) {
            throw switch (e.refusal()) {
                case SHUTTING_DOWN -> ApiErrors.shuttingDown();
                case PARTNER_LIMIT ->
                        ApiErrors.tooManyRequests(
                                "the partner's uploads arriving at once are at the limit of "
                                        + inFlight.maxPerPartner()
                                        + " (uploads.maxConcurrentPerPartner); try again when one has finished",
                                ApiErrors.RETRY_AFTER_SECONDS);
                case NODE_LIMIT ->
                        ApiErrors.busy(
                                "the server's uploads arriving at once are at the limit of "
                                        + inFlight.maxPerNode()
                                        + " (uploads.maxConcurrent); try again shortly");
            };
        }
    }

    private Response receive(
            Partner partner,
            String contentType,
            String schemaIdParameter,
            InputStream body,
            UploadsInFlight.Pass pass)
            throws IOException, UploadRejected {
        UUID jobId = UUID.randomUUID();
        StoredUpload upload = null;
        String schemaId = schemaIdParameter;
        try {
            MultipartFormReader form = new MultipartFormReader(body, contentType);
            for (MultipartFormReader.Part part = form.next(); part != null; part = form.next()) {
                if ("file".equals(part.name())) {
                    if (upload != null) {
                        throw ApiErrors.error(
                                Response.Status.BAD_REQUEST, "send one file per upload");
                    }
                    upload = store.store(jobId, part.filename(), part.content());
                } else if ("schemaId".equals(part.name())) {
                    schemaId = part.text(MAX_FIELD_BYTES);
                }
            }
            if (!pass.received()) {
                throw ApiErrors.shuttingDown();
            }
            if (upload == null) {
                throw ApiErrors.error(
                        Response.Status.BAD_REQUEST, "the multipart part 'file' is required");
            }
            Job job = jobs.create(jobId, partner.id(), schemaId, upload);
            metrics.accepted(upload.size());
            return Response.created(URI.create("/api/jobs/" + jobId))
                    .entity(
                            new UploadResponse(
                                    job.id(),
                                    job.status(),
                                    job.filename(),
                                    job.fileSize(),
                                    job.fileType()))
                    .build();
        } catch (MalformedMultipartException e) {
            discard(upload);
            throw ApiErrors.error(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (RuntimeException | IOException e) {
            discard(upload);
            throw e;
        }
    }

    private void discard(StoredUpload upload) throws IOException {
        if (upload != null) {
            store.delete(upload.path());
        }
    }
}
