package com.partnerpipeline.transform;

import com.partnerpipeline.formats.FieldPath;
import com.partnerpipeline.formats.SourceRecord;

/**
 * Where a field's value comes from and how it is prepared before validation: read from {@code
 * mapping} (or the field's own name), optionally trimmed, replaced by {@code default} when absent,
 * optionally case-converted.
 */
public final class FieldTransformer {
    private final FieldPath source;
    private final boolean trim;
    private final CaseConversion caseConversion;
    private final Object defaultValue;

    public FieldTransformer(
            FieldPath source, boolean trim, CaseConversion caseConversion, Object defaultValue) {
        this.source = source;
        this.trim = trim;
        this.caseConversion = caseConversion;
        this.defaultValue = defaultValue;
    }

    public FieldPath source() {
        return source;
    }

    /** The raw value from the record, as read. */
    public Object read(SourceRecord record) {
        return record.get(source);
    }

    /** The value to validate, or null when it is absent and there is no default. */
    public Object apply(Object raw) {
        Object value = raw;
        if (trim && value instanceof String text) {
            value = text.strip();
        }
        if (isAbsent(value)) {
            value = defaultValue;
        }
        if (value instanceof String text) {
            value = caseConversion.apply(text);
        }
        return isAbsent(value) ? null : value;
    }

    /** A missing field, a JSON null and an empty value (an empty CSV cell, "") are all absent. */
    public static boolean isAbsent(Object value) {
        return value == null || (value instanceof String text && text.isEmpty());
    }
}
