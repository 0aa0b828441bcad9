package com.partnerpipeline.app.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.partnerpipeline.schema.SchemaLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code schemas:} in config.yml: the bounds every schema is checked against before it is compiled, by the API, the
 * operator's {@code schema create}, dev mode and the worker. Defaults are the engine's, which the offline commands use.
 */
public class SchemaLimitsConfiguration {
    private static final SchemaLimits DEFAULTS = SchemaLimits.DEFAULTS;

    @Min(1)
    private int maxFields = DEFAULTS.maxFields();

    @Min(1)
    private int maxNameLength = DEFAULTS.maxNameLength();

    /** A valid schema nests 4 deep (fields, a field, its validation, an enum); Jackson parses at most 1000. */
    @Min(4)
    @Max(1000)
    private int maxDepth = DEFAULTS.maxDepth();

    @Min(1)
    private int maxPatternLength = DEFAULTS.maxPatternLength();

    @Min(1)
    private int maxPatternSize = DEFAULTS.maxPatternSize();

    @Min(1)
    private int maxEnumValues = DEFAULTS.maxEnumValues();

    @Min(1)
    private int maxValueLength = DEFAULTS.maxValueLength();

    @Min(1)
    private int maxRuleFields = DEFAULTS.maxRuleFields();

    public SchemaLimits toLimits() {
        return new SchemaLimits(maxFields, maxNameLength, maxDepth, maxPatternLength, maxPatternSize, maxEnumValues,
                maxValueLength, maxRuleFields);
    }

    @JsonProperty
    public int getMaxFields() {
        return maxFields;
    }

    @JsonProperty
    public void setMaxFields(int maxFields) {
        this.maxFields = maxFields;
    }

    @JsonProperty
    public int getMaxNameLength() {
        return maxNameLength;
    }

    @JsonProperty
    public void setMaxNameLength(int maxNameLength) {
        this.maxNameLength = maxNameLength;
    }

    @JsonProperty
    public int getMaxDepth() {
        return maxDepth;
    }

    @JsonProperty
    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @JsonProperty
    public int getMaxPatternLength() {
        return maxPatternLength;
    }

    @JsonProperty
    public void setMaxPatternLength(int maxPatternLength) {
        this.maxPatternLength = maxPatternLength;
    }

    @JsonProperty
    public int getMaxPatternSize() {
        return maxPatternSize;
    }

    @JsonProperty
    public void setMaxPatternSize(int maxPatternSize) {
        this.maxPatternSize = maxPatternSize;
    }

    @JsonProperty
    public int getMaxEnumValues() {
        return maxEnumValues;
    }

    @JsonProperty
    public void setMaxEnumValues(int maxEnumValues) {
        this.maxEnumValues = maxEnumValues;
    }

    @JsonProperty
    public int getMaxValueLength() {
        return maxValueLength;
    }

    @JsonProperty
    public void setMaxValueLength(int maxValueLength) {
        this.maxValueLength = maxValueLength;
    }

    @JsonProperty
    public int getMaxRuleFields() {
        return maxRuleFields;
    }

    @JsonProperty
    public void setMaxRuleFields(int maxRuleFields) {
        this.maxRuleFields = maxRuleFields;
    }
}
