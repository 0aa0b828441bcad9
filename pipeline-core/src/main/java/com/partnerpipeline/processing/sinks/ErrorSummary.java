package com.partnerpipeline.processing.sinks;

import com.partnerpipeline.validation.FieldError;
import java.util.List;

/**
 * The {@code _errors} text of a rejects row: {@code age: too_big (must be at most 120); email:
 * ...}.
 */
final class ErrorSummary {
    private ErrorSummary() {}

    static String of(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (FieldError error : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            if (error.field() != null) {
                text.append(error.field()).append(": ");
            }
            text.append(error.code().code()).append(" (").append(error.message()).append(')');
        }
        return text.toString();
    }
}
