package com.partnerpipeline.app.resources;

import com.partnerpipeline.app.api.ApiErrors;
import com.partnerpipeline.app.api.JobView;
import com.partnerpipeline.app.api.Page;
import com.partnerpipeline.app.api.Pagination;
import com.partnerpipeline.app.api.SchemaSummary;
import com.partnerpipeline.app.db.ErrorExport;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.db.ProcessingErrorDao;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.domain.Job;
import com.partnerpipeline.app.domain.JobStatus;
import com.partnerpipeline.app.domain.Partner;
import com.partnerpipeline.app.domain.RecordError;
import com.partnerpipeline.app.service.JobService;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A partner's jobs: listing, details, errors, cancel and retry. Another partner's job is a 404. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public final class JobResource {
    private final JobService lifecycle;
    private final JobDao jobs;
    private final SchemaDao schemas;
    private final ProcessingErrorDao errors;
    private final ErrorExport errorExport;

    public JobResource(
            JobService lifecycle,
            JobDao jobs,
            SchemaDao schemas,
            ProcessingErrorDao errors,
            ErrorExport errorExport) {
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.schemas = schemas;
        this.errors = errors;
        this.errorExport = errorExport;
    }

    @GET
    public Page<JobView> list(
            @Auth Partner partner,
            @QueryParam("page") String page,
            @QueryParam("limit") String limit,
            @QueryParam("status") String status) {
        Paging paging = Paging.of(page, limit, 20);
        JobStatus filter = status(status);
        List<JobView> data =
                jobs.listForPartner(partner.id(), filter, paging.limit(), paging.offset()).stream()
                        .map(job -> JobView.of(job, null))
                        .toList();
        return new Page<>(
                data,
                Pagination.of(
                        paging.page(), paging.limit(), jobs.countForPartner(partner.id(), filter)));
    }

    @GET
    @Path("/{id}")
    public JobView get(@Auth Partner partner, @PathParam("id") String id) {
        Job job = find(partner, id);
        SchemaSummary schema =
                schemas.find(job.schemaId())
                        .map(found -> new SchemaSummary(found.id(), found.name(), found.version()))
                        .orElse(null);
        return JobView.of(job, schema);
    }

    /**
     * Errors in record order, a page at a time; with {@code format=csv}, all of them, streamed,
     * with spreadsheet formulas neutralised unless {@code cells=raw} asks for the cells as stored
     * (the CLI does, to show true values).
     */
    @GET
    @Path("/{id}/errors")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response errors(
            @Auth Partner partner,
            @PathParam("id") String id,
            @QueryParam("page") String page,
            @QueryParam("limit") String limit,
            @QueryParam("format") String format,
            @QueryParam("cells") String cells) {
        Job job = find(partner, id);
        if ("csv".equalsIgnoreCase(format)) {
            ErrorExport.Cells kind = cells(cells);
            StreamingOutput csv = out -> errorExport.writeCsv(job.id(), kind, out);
            return Response.ok(csv, "text/csv; charset=utf-8")
                    .header(
                            "Content-Disposition",
                            "attachment; filename=\"errors-" + job.id() + ".csv\"")
                    .build();
        }
        if (format != null && !format.isEmpty() && !"json".equalsIgnoreCase(format)) {
            throw ApiErrors.error(Response.Status.BAD_REQUEST, "format must be json or csv");
        }
        Paging paging = Paging.of(page, limit, 50);
        List<RecordError> data = errors.page(job.id(), paging.limit(), paging.offset());
        return Response.ok(
                        new Page<>(
                                data,
                                Pagination.of(
                                        paging.page(), paging.limit(), errors.count(job.id()))),
                        MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    private static ErrorExport.Cells cells(String cells) {
        if (cells == null || cells.isEmpty() || "safe".equalsIgnoreCase(cells)) {
            return ErrorExport.Cells.SAFE;
        }
        if ("raw".equalsIgnoreCase(cells)) {
            return ErrorExport.Cells.RAW;
        }
        throw ApiErrors.error(Response.Status.BAD_REQUEST, "cells must be safe or raw");
    }

    @POST
    @Path("/{id}/cancel")
    public JobView cancel(@Auth Partner partner, @PathParam("id") String id) {
        return JobView.of(lifecycle.cancel(partner.id(), id), null);
    }

    @POST
    @Path("/{id}/retry")
    public JobView retry(@Auth Partner partner, @PathParam("id") String id) {
        return JobView.of(lifecycle.retry(partner.id(), id), null);
    }

    private Job find(Partner partner, String id) {
        return lifecycle.find(partner.id(), id);
    }

    private static JobStatus status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return JobStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.error(
                    Response.Status.BAD_REQUEST,
                    "status must be one of "
                            + Arrays.stream(JobStatus.values())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
        }
    }
}
