package com.partnerpipeline.validation;

/** Receives the errors found in the record being evaluated. */
public interface ErrorCollector {
    void add(String field, ErrorCode code, String message, String rawValue);
}
