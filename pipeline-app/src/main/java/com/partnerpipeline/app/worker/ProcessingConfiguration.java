package com.partnerpipeline.app.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.partnerpipeline.formats.ReaderLimits;
import com.partnerpipeline.processing.ProcessingOptions;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code processing:} in config.yml: batch size and the reader limits that guard against hostile
 * files.
 */
public class ProcessingConfiguration {
    @Min(1)
    @Max(100_000)
    private int batchSize = ProcessingOptions.DEFAULT_BATCH_SIZE;

    @Min(1)
    private int maxFieldChars = ReaderLimits.DEFAULTS.maxFieldChars();

    @Min(1)
    private int maxRecordChars = ReaderLimits.DEFAULTS.maxRecordChars();

    @Min(2)
    @Max(1000)
    private int maxDepth = ReaderLimits.DEFAULTS.maxDepth();

    @Min(1)
    private int maxFields = ReaderLimits.DEFAULTS.maxFields();

    @JsonProperty
    public int getBatchSize() {
        return batchSize;
    }

    @JsonProperty
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    @JsonProperty
    public int getMaxFieldChars() {
        return maxFieldChars;
    }

    @JsonProperty
    public void setMaxFieldChars(int maxFieldChars) {
        this.maxFieldChars = maxFieldChars;
    }

    @JsonProperty
    public int getMaxRecordChars() {
        return maxRecordChars;
    }

    @JsonProperty
    public void setMaxRecordChars(int maxRecordChars) {
        this.maxRecordChars = maxRecordChars;
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
    public int getMaxFields() {
        return maxFields;
    }

    @JsonProperty
    public void setMaxFields(int maxFields) {
        this.maxFields = maxFields;
    }

    public ReaderLimits readerLimits() {
        return new ReaderLimits(maxFieldChars, maxRecordChars, maxDepth, maxFields);
    }
}
