package com.partnerpipeline.app.resources;

import com.partnerpipeline.app.api.ApiErrors;
import com.partnerpipeline.app.domain.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.api.SchemaView;
import com.partnerpipeline.app.domain.Partner;
import com.partnerpipeline.app.domain.StoredSchema;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.schema.InvalidSchemaException;
import com.partnerpipeline.schema.SchemaFile;
import com.partnerpipeline.schema.SchemaLimits;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** A partner's schemas. A schema is compiled before it is stored, so only valid schemas exist. */
@Path("/api/schemas")
@Produces(MediaType.APPLICATION_JSON)
public final class SchemaResource {
    private final SchemaDao schemas;
    private final ObjectMapper json;
    private final SchemaLimits limits;

    public SchemaResource(SchemaDao schemas, ObjectMapper json, SchemaLimits limits) {
        this.schemas = schemas;
        this.json = json;
        this.limits = limits;
    }

    @GET
    public List<SchemaView> list(@Auth Partner partner) {
        return schemas.listForPartner(partner.id()).stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    public SchemaView get(@Auth Partner partner, @PathParam("id") String id) {
        return Ids.parse(id).flatMap(schemaId -> schemas.findForPartner(schemaId, partner.id())).map(this::view)
                .orElseThrow(() -> ApiErrors.notFound("Schema"));
    }

    /** {@code {"name", "fields": [...], "validation_rules": {...}}}: a new name is version 1, a known name its next version. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth Partner partner, JsonNode body) {
        StoredSchema stored = register(schemas, partner.id(), body, json, limits);
        return Response.created(URI.create("/api/schemas/" + stored.id())).entity(view(stored)).build();
    }

    /**
     * Compiles and stores a schema document; a 400 names what is wrong with it, or the limit it exceeds. Shared with the
     * operator command and dev mode.
     */
    public static StoredSchema register(SchemaDao schemas, UUID partnerId, JsonNode body, ObjectMapper json,
                                        SchemaLimits limits) {
        if (body == null || !body.isObject()) {
            throw ApiErrors.error(Response.Status.BAD_REQUEST, "the body must be a JSON object with name and fields");
        }
        SchemaFile schema;
        try {
            schema = SchemaFile.parse(body);
            schema.compile(limits);
        } catch (InvalidSchemaException e) {
            throw ApiErrors.error(Response.Status.BAD_REQUEST, "invalid schema: " + e.getMessage());
        }
        if (schema.name() == null) {
            throw ApiErrors.error(Response.Status.BAD_REQUEST, "invalid schema: name is required");
        }
        try {
            String rules = schema.validationRules() == null ? "{}" : json.writeValueAsString(schema.validationRules());
            return schemas.insertNextVersion(UUID.randomUUID(), partnerId, schema.name(),
                    json.writeValueAsString(schema.fields()), rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SchemaView view(StoredSchema schema) {
        try {
            return new SchemaView(schema.id(), schema.name(), schema.version(), json.readTree(schema.fields()),
                    json.readTree(schema.validationRules()), schema.createdAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
