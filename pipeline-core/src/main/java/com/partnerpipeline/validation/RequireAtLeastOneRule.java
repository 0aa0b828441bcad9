package com.partnerpipeline.validation;

import com.partnerpipeline.formats.SourceRecord;
import java.util.List;

/**
 * {@code requireAtLeastOne}: at least one of the named fields must be present (valid or not: its
 * own check reports it).
 */
public final class RequireAtLeastOneRule implements RecordRule {
    private final int[] fieldIndexes;
    private final String fieldLabel;
    private final String message;

    public RequireAtLeastOneRule(int[] fieldIndexes, List<String> fieldNames) {
        this.fieldIndexes = fieldIndexes.clone();
        this.fieldLabel = String.join("|", fieldNames);
        this.message = "at least one of " + String.join(", ", fieldNames) + " is required";
    }

    @Override
    public void check(SourceRecord record, Object[] transformed, ErrorCollector errors) {
        for (int index : fieldIndexes) {
            if (transformed[index] != null) {
                return;
            }
        }
        errors.add(fieldLabel, ErrorCode.RULE_VIOLATION, message, null);
    }
}
