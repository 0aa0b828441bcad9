package com.partnerpipeline.app.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.api.ApiErrors;
import com.partnerpipeline.app.api.SchemaView;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.domain.Ids;
import com.partnerpipeline.app.domain.Partner;
import com.partnerpipeline.app.domain.StoredSchema;
import com.partnerpipeline.app.service.SchemaRegistry;
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

/** A partner's schemas. A schema is compiled before it is stored, so only valid schemas exist. */
@Path("/api/schemas")
@Produces(MediaType.APPLICATION_JSON)
public final class SchemaResource {
    private final SchemaRegistry registry;
    private final SchemaDao schemas;
    private final ObjectMapper json;

    public SchemaResource(SchemaRegistry registry, SchemaDao schemas, ObjectMapper json) {
        this.registry = registry;
        this.schemas = schemas;
        this.json = json;
    }

    @GET
    public List<SchemaView> list(@Auth Partner partner) {
        return schemas.listForPartner(partner.id()).stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    public SchemaView get(@Auth Partner partner, @PathParam("id") String id) {
        return Ids.parse(id)
                .flatMap(schemaId -> schemas.findForPartner(schemaId, partner.id()))
                .map(this::view)
                .orElseThrow(() -> ApiErrors.notFound("Schema"));
    }

    /**
     * {@code {"name", "fields": [...], "validation_rules": {...}}}: a new name is version 1, a
     * known name its next version.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth Partner partner, JsonNode body) {
        StoredSchema stored = registry.register(partner.id(), body);
        return Response.created(URI.create("/api/schemas/" + stored.id()))
                .entity(view(stored))
                .build();
    }

    private SchemaView view(StoredSchema schema) {
        try {
            return new SchemaView(
                    schema.id(),
                    schema.name(),
                    schema.version(),
                    json.readTree(schema.fields()),
                    json.readTree(schema.validationRules()),
                    schema.createdAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
