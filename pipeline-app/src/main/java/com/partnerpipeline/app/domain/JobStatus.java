package com.partnerpipeline.app.domain;

/** A job's life: PENDING until a worker takes it, PROCESSING while one holds it, then one of the three ends. */
public enum JobStatus {
    PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
