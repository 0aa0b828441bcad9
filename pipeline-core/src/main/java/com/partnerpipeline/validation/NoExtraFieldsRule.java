package com.partnerpipeline.validation;

import com.partnerpipeline.formats.SourceRecord;
import java.util.Set;

/**
 * {@code allowExtraFields: false}: every field of the record must be read by some schema field. A
 * mapping to an object ({@code address}) covers everything under it ({@code address.city}).
 */
public final class NoExtraFieldsRule implements RecordRule {
    private final Set<String> mappedPaths;

    public NoExtraFieldsRule(Set<String> mappedPaths) {
        this.mappedPaths = Set.copyOf(mappedPaths);
    }

    @Override
    public void check(SourceRecord record, Object[] transformed, ErrorCollector errors) {
        record.forEachField(
                (path, value) -> {
                    if (!isMapped(path)) {
                        errors.add(
                                path,
                                ErrorCode.RULE_VIOLATION,
                                "unexpected field (the schema does not allow extra fields)",
                                RawText.of(value));
                    }
                });
    }

    private boolean isMapped(String path) {
        String candidate = path;
        while (true) {
            if (mappedPaths.contains(candidate)) {
                return true;
            }
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return false;
            }
            candidate = candidate.substring(0, dot);
        }
    }
}
