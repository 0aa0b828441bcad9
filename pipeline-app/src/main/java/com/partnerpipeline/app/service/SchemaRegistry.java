package com.partnerpipeline.app.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.domain.StoredSchema;
import com.partnerpipeline.schema.InvalidSchemaException;
import com.partnerpipeline.schema.SchemaFile;
import com.partnerpipeline.schema.SchemaLimits;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Registers schemas, for the API, the {@code schema create} command and dev mode alike. A schema is
 * compiled, within the limits, before it is stored, so only valid schemas exist; a known name gets
 * its next version.
 */
public final class SchemaRegistry {
    private final SchemaDao schemas;
    private final ObjectMapper json;
    private final SchemaLimits limits;

    public SchemaRegistry(SchemaDao schemas, ObjectMapper json, SchemaLimits limits) {
        this.schemas = schemas;
        this.json = json;
        this.limits = limits;
    }

    /**
     * Checks and stores {@code {"name", "fields", "validation_rules"}}; a {@link Refusal} names
     * what is wrong.
     */
    public StoredSchema register(UUID partnerId, JsonNode document) {
        SchemaFile schema = check(document, limits);
        try {
            String rules =
                    schema.validationRules() == null
                            ? "{}"
                            : json.writeValueAsString(schema.validationRules());
            return schemas.insertNextVersion(
                    UUID.randomUUID(),
                    partnerId,
                    schema.name(),
                    json.writeValueAsString(schema.fields()),
                    rules);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A schema document that compiles within {@code limits}, or the {@link Refusal} that says why
     * not.
     */
    static SchemaFile check(JsonNode document, SchemaLimits limits) {
        if (document == null || !document.isObject()) {
            throw Refusal.invalid("the body must be a JSON object with name and fields");
        }
        SchemaFile schema;
        try {
            schema = SchemaFile.parse(document);
            schema.compile(limits);
        } catch (InvalidSchemaException e) {
            throw Refusal.invalid("invalid schema: " + e.getMessage());
        }
        if (schema.name() == null) {
            throw Refusal.invalid("invalid schema: name is required");
        }
        return schema;
    }
}
