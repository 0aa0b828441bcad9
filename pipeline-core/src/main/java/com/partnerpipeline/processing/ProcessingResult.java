package com.partnerpipeline.processing;

/**
 * How a run ended.
 *
 * @param message why it failed or was cancelled; null when it completed
 */
public record ProcessingResult(
        Outcome outcome, ProcessingProgress totals, String message, long elapsedNanos) {
    public enum Outcome {
        COMPLETED,
        FAILED,
        CANCELLED
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    public double recordsPerSecond() {
        return elapsedNanos == 0 ? 0 : totals.recordsRead() / seconds();
    }
}
