package com.partnerpipeline.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.schema.SchemaFile;
import com.partnerpipeline.schema.SchemaLimits;
import org.junit.jupiter.api.Test;

/**
 * What schema registration accepts and refuses, before anything is stored; the API and the commands
 * share it.
 */
class SchemaRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aValidSchemaIsAccepted() throws Exception {
        SchemaFile schema =
                SchemaRegistry.check(
                        json(
                                """
                {"name": "customers", "fields": [{"name": "id", "type": "integer", "validation": {"required": true}}]}"""),
                        SchemaLimits.DEFAULTS);

        assertThat(schema.name()).isEqualTo("customers");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() throws Exception {
        assertRefused(json("[1, 2]"), "the body must be a JSON object with name and fields");
        assertRefused(null, "the body must be a JSON object with name and fields");
    }

    @Test
    void aSchemaWithoutANameIsRefused() throws Exception {
        assertRefused(
                json(
                        """
                {"fields": [{"name": "id", "type": "integer"}]}"""),
                "invalid schema: name is required");
    }

    @Test
    void aSchemaThatDoesNotCompileIsRefusedWithTheCompilersWords() throws Exception {
        assertThatThrownBy(
                        () ->
                                SchemaRegistry.check(
                                        json(
                                                """
                {"name": "x", "fields": [{"name": "id", "type": "colour"}]}"""),
                                        SchemaLimits.DEFAULTS))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal -> {
                            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
                            assertThat(refusal.getMessage())
                                    .startsWith("invalid schema: ")
                                    .contains("colour");
                        });
    }

    @Test
    void aSchemaOverTheLimitsIsRefusedNamingTheLimit() throws Exception {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i <= SchemaLimits.DEFAULTS.maxFields(); i++) {
            fields.append(i == 0 ? "" : ",")
                    .append("{\"name\": \"f")
                    .append(i)
                    .append("\", \"type\": \"string\"}");
        }
        assertThatThrownBy(
                        () ->
                                SchemaRegistry.check(
                                        json("{\"name\": \"wide\", \"fields\": [" + fields + "]}"),
                                        SchemaLimits.DEFAULTS))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("schemas.maxFields");
    }

    private static void assertRefused(JsonNode document, String message) {
        assertThatThrownBy(() -> SchemaRegistry.check(document, SchemaLimits.DEFAULTS))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal -> {
                            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
                            assertThat(refusal.getMessage()).isEqualTo(message);
                        });
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
