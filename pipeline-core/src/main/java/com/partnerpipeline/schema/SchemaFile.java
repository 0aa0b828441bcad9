package com.partnerpipeline.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A schema kept in a file: {@code {"name", "version", "fields": [...], "validation_rules": {...}}},
 * or just the {@code fields} array. {@code validationRules} is accepted as a spelling of {@code
 * validation_rules}.
 */
public record SchemaFile(String name, Integer version, JsonNode fields, JsonNode validationRules) {
    private static final long MAX_BYTES = 10L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static SchemaFile read(Path path) throws InvalidSchemaException {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new InvalidSchemaException("schema file " + path + " is larger than 10 MiB");
            }
            return parse(JSON.readTree(path.toFile()));
        } catch (NoSuchFileException e) {
            throw new InvalidSchemaException("schema file " + path + " does not exist");
        } catch (JsonProcessingException e) {
            throw new InvalidSchemaException(
                    "schema file "
                            + path
                            + " is not valid JSON: "
                            + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line "
                                            + e.getLocation().getLineNr()
                                            + ", column "
                                            + e.getLocation().getColumnNr()
                                            + ")"));
        } catch (IOException e) {
            throw new InvalidSchemaException(
                    "cannot read schema file " + path + ": " + e.getMessage());
        }
    }

    public static SchemaFile parse(JsonNode root) throws InvalidSchemaException {
        if (root == null || root.isMissingNode()) {
            throw new InvalidSchemaException("the schema is empty");
        }
        if (root.isArray()) {
            return new SchemaFile(null, null, root, null);
        }
        SchemaNode schema =
                SchemaNode.of(
                        root,
                        "schema",
                        java.util.Set.of(
                                "name",
                                "version",
                                "description",
                                "fields",
                                "validation_rules",
                                "validationRules"));
        JsonNode rules =
                schema.has("validation_rules")
                        ? schema.get("validation_rules")
                        : schema.get("validationRules");
        Long version = schema.wholeNumber("version", 1);
        String name = schema.text("name");
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSchemaException("name contains a control character");
        }
        return new SchemaFile(
                name, version == null ? null : version.intValue(), schema.get("fields"), rules);
    }

    public CompiledSchema compile(SchemaLimits limits) throws InvalidSchemaException {
        return new SchemaCompiler(limits).compile(fields, validationRules);
    }
}
