package com.partnerpipeline.app.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.partnerpipeline.schema.SchemaLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code schemas:} in config.yml: the bounds every schema is checked against before it is compiled,
 * by the API, the operator's {@code schema create}, dev mode and the worker. Defaults are the
 * engine's, which the offline commands use. Only read through {@link #toLimits()}, so the keys are
 * bound to fields without accessors.
 */
public class SchemaLimitsConfiguration {
    private static final SchemaLimits DEFAULTS = SchemaLimits.DEFAULTS;

    @JsonProperty
    @Min(1)
    private int maxFields = DEFAULTS.maxFields();

    @JsonProperty
    @Min(1)
    private int maxNameLength = DEFAULTS.maxNameLength();

    /**
     * A valid schema nests 4 deep (fields, a field, its validation, an enum); Jackson parses at
     * most 1000.
     */
    @JsonProperty
    @Min(4)
    @Max(1000)
    private int maxDepth = DEFAULTS.maxDepth();

    @JsonProperty
    @Min(1)
    private int maxPatternLength = DEFAULTS.maxPatternLength();

    @JsonProperty
    @Min(1)
    private int maxPatternSize = DEFAULTS.maxPatternSize();

    @JsonProperty
    @Min(1)
    private int maxEnumValues = DEFAULTS.maxEnumValues();

    @JsonProperty
    @Min(1)
    private int maxValueLength = DEFAULTS.maxValueLength();

    @JsonProperty
    @Min(1)
    private int maxRuleFields = DEFAULTS.maxRuleFields();

    public SchemaLimits toLimits() {
        return new SchemaLimits(
                maxFields,
                maxNameLength,
                maxDepth,
                maxPatternLength,
                maxPatternSize,
                maxEnumValues,
                maxValueLength,
                maxRuleFields);
    }
}
