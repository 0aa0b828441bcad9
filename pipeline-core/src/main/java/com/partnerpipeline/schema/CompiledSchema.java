package com.partnerpipeline.schema;

import com.partnerpipeline.validation.ErrorThresholds;
import com.partnerpipeline.validation.RecordRule;
import java.util.List;

/**
 * A schema compiled once into validators; immutable, so one instance serves any number of jobs and
 * threads.
 */
public record CompiledSchema(
        List<CompiledField> fields, List<RecordRule> rules, ErrorThresholds thresholds) {
    public CompiledSchema {
        fields = List.copyOf(fields);
        rules = List.copyOf(rules);
    }

    public List<String> fieldNames() {
        return fields.stream().map(CompiledField::name).toList();
    }
}
