package com.partnerpipeline.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.validation.ErrorThresholds;
import com.partnerpipeline.validation.NoExtraFieldsRule;
import com.partnerpipeline.validation.RecordRule;
import com.partnerpipeline.validation.RequireAtLeastOneRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a schema, the pair {@code fields} (JSON array) and {@code validation_rules} (JSON
 * object), into a {@link CompiledSchema}. Everything that can be wrong with a schema is found here,
 * before any record is read.
 */
public final class SchemaCompiler {
    private static final Set<String> RULE_KEYS =
            Set.of(
                    "requireAtLeastOne",
                    "maxErrors",
                    "maxErrorRate",
                    "minRecordsForErrorRate",
                    "allowExtraFields");

    private final FieldCompiler fieldCompiler = new FieldCompiler();
    private final SchemaLimitsCheck limits;

    public SchemaCompiler(SchemaLimits limits) {
        this.limits = new SchemaLimitsCheck(limits);
    }

    /**
     * @param validationRules may be null or JSON null: no rules
     * @throws InvalidSchemaException also for a schema over the limits, found before anything is
     *     compiled
     */
    public CompiledSchema compile(JsonNode fields, JsonNode validationRules)
            throws InvalidSchemaException {
        if (fields == null || !fields.isArray() || fields.isEmpty()) {
            throw new InvalidSchemaException("fields must be a non-empty JSON array");
        }
        limits.check(fields, validationRules);
        List<CompiledField> compiled = new ArrayList<>(fields.size());
        Map<String, Integer> indexByName = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            CompiledField field = fieldCompiler.compile(fields.get(i), i);
            if (indexByName.putIfAbsent(field.name(), i) != null) {
                throw new InvalidSchemaException("field '" + field.name() + "' is declared twice");
            }
            compiled.add(field);
        }
        if (validationRules == null || validationRules.isNull()) {
            return new CompiledSchema(compiled, List.of(), ErrorThresholds.NONE);
        }
        SchemaNode rules = SchemaNode.of(validationRules, "validation_rules", RULE_KEYS);
        return new CompiledSchema(
                compiled, recordRules(rules, compiled, indexByName), thresholds(rules));
    }

    private static List<RecordRule> recordRules(
            SchemaNode rules, List<CompiledField> fields, Map<String, Integer> indexByName)
            throws InvalidSchemaException {
        List<RecordRule> recordRules = new ArrayList<>();
        if (rules.has("requireAtLeastOne")) {
            recordRules.add(requireAtLeastOne(rules, indexByName));
        }
        if (!rules.bool("allowExtraFields", true)) {
            Set<String> mapped = new HashSet<>();
            fields.forEach(field -> mapped.add(field.transformer().source().path()));
            recordRules.add(new NoExtraFieldsRule(mapped));
        }
        return recordRules;
    }

    private static RecordRule requireAtLeastOne(SchemaNode rules, Map<String, Integer> indexByName)
            throws InvalidSchemaException {
        JsonNode names = rules.get("requireAtLeastOne");
        if (!names.isArray() || names.isEmpty()) {
            throw rules.error("requireAtLeastOne", "must be a non-empty array of field names");
        }
        List<String> fieldNames = new ArrayList<>();
        int[] indexes = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).asText();
            Integer index = indexByName.get(name);
            if (!names.get(i).isTextual() || index == null) {
                throw rules.error(
                        "requireAtLeastOne",
                        "names '"
                                + names.get(i).asText()
                                + "', which is not a field of the schema");
            }
            fieldNames.add(name);
            indexes[i] = index;
        }
        return new RequireAtLeastOneRule(indexes, fieldNames);
    }

    private static ErrorThresholds thresholds(SchemaNode rules) throws InvalidSchemaException {
        Long maxErrors = rules.wholeNumber("maxErrors", 0);
        Double maxErrorRate = null;
        if (rules.has("maxErrorRate")) {
            double rate = rules.number("maxErrorRate").doubleValue();
            if (rate < 0 || rate > 1) {
                throw rules.error("maxErrorRate", "must be a fraction between 0 and 1");
            }
            maxErrorRate = rate;
        }
        Long minRecords = rules.wholeNumber("minRecordsForErrorRate", 1);
        return new ErrorThresholds(
                maxErrors,
                maxErrorRate,
                minRecords == null
                        ? ErrorThresholds.DEFAULT_MIN_RECORDS_FOR_ERROR_RATE
                        : minRecords);
    }
}
