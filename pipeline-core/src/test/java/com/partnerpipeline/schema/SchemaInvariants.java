package com.partnerpipeline.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.testing.PartnerMessages;
import java.util.HashSet;
import java.util.List;

/**
 * What the schema compiler promises whatever a partner sends, checked by the fuzz test and the
 * property test: it compiles the schema, or throws {@link InvalidSchemaException} with a message
 * fit for a partner; nothing else. Anything else it throws goes through to the caller: a finding.
 */
final class SchemaInvariants {
    private SchemaInvariants() {}

    /** Compiles {@code document} the way {@code POST /api/schemas} does; true when it compiled. */
    static boolean compile(JsonNode document) {
        try {
            CompiledSchema compiled = SchemaFile.parse(document).compile(SchemaLimits.DEFAULTS);
            List<String> names = compiled.fieldNames();
            if (names.isEmpty() || names.size() > SchemaLimits.DEFAULTS.maxFields()) {
                throw new AssertionError("a schema of " + names.size() + " fields compiled");
            }
            if (new HashSet<>(names).size() != names.size()) {
                throw new AssertionError("a schema with a field declared twice compiled: " + names);
            }
            return true;
        } catch (InvalidSchemaException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("an invalid schema with no message");
            }
            PartnerMessages.assertClean(
                    "the schema's refusal",
                    e.getMessage(),
                    document == null ? "" : document.toString());
            return false;
        }
    }
}
