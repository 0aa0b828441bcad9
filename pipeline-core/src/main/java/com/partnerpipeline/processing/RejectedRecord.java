package com.partnerpipeline.processing;

import com.partnerpipeline.formats.ReadItem;
import com.partnerpipeline.validation.FieldError;
import java.util.List;

/**
 * A record that failed, kept as read so a rejects file can reproduce it, with one error per failing
 * field.
 */
public record RejectedRecord(ReadItem source, List<FieldError> errors) implements Evaluation {
    @Override
    public long index() {
        return source.index();
    }
}
