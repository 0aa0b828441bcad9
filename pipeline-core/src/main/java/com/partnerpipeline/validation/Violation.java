package com.partnerpipeline.validation;

/** Why one value failed. Constraints create theirs once, so a failure allocates nothing. */
public record Violation(ErrorCode code, String message) {}
