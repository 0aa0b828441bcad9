package com.partnerpipeline.processing;

import com.partnerpipeline.formats.MalformedRecord;
import com.partnerpipeline.formats.ReadItem;
import com.partnerpipeline.formats.SourceRecord;
import com.partnerpipeline.schema.CompiledField;
import com.partnerpipeline.schema.CompiledSchema;
import com.partnerpipeline.transform.FieldTransformer;
import com.partnerpipeline.validation.ErrorCode;
import com.partnerpipeline.validation.ErrorCollector;
import com.partnerpipeline.validation.FieldError;
import com.partnerpipeline.validation.RawText;
import com.partnerpipeline.validation.RecordRule;
import com.partnerpipeline.validation.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Transforms and validates one record against a compiled schema. Reuses its scratch space between
 * records, so a valid record costs one array; not thread-safe, one per processing loop.
 */
public final class RecordEvaluator implements ErrorCollector {
    private static final String REQUIRED_MESSAGE = "is required";

    private final CompiledField[] fields;
    private final RecordRule[] rules;
    private final Object[] transformed;
    private List<FieldError> errors;
    private ReadItem current;

    public RecordEvaluator(CompiledSchema schema) {
        this.fields = schema.fields().toArray(new CompiledField[0]);
        this.rules = schema.rules().toArray(new RecordRule[0]);
        this.transformed = new Object[fields.length];
    }

    public Evaluation evaluate(ReadItem item) {
        current = item;
        errors = null;
        if (item instanceof MalformedRecord malformed) {
            add(null, ErrorCode.MALFORMED_RECORD, malformed.reason(), malformed.rawText());
            return new RejectedRecord(item, errors);
        }
        SourceRecord record = (SourceRecord) item;
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            CompiledField field = fields[i];
            FieldTransformer transformer = field.transformer();
            Object raw = transformer.read(record);
            Object value = transformer.apply(raw);
            transformed[i] = value;
            if (value == null) {
                if (field.required()) {
                    add(field.name(), ErrorCode.REQUIRED, REQUIRED_MESSAGE, RawText.of(raw));
                }
                continue;
            }
            Object typed = field.validator().validate(value);
            if (typed instanceof Violation violation) {
                add(field.name(), violation.code(), violation.message(), RawText.of(raw));
            } else {
                values[i] = typed;
            }
        }
        for (RecordRule rule : rules) {
            rule.check(record, transformed, this);
        }
        Arrays.fill(transformed, null);
        return errors == null
                ? new ValidRecord(item.index(), item.lineNumber(), values)
                : new RejectedRecord(item, errors);
    }

    @Override
    public void add(String field, ErrorCode code, String message, String rawValue) {
        if (errors == null) {
            errors = new ArrayList<>(2);
        }
        errors.add(
                new FieldError(
                        current.index(), current.lineNumber(), field, code, message, rawValue));
    }
}
