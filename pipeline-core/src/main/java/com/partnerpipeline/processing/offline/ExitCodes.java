package com.partnerpipeline.processing.offline;

import com.partnerpipeline.processing.ProcessingResult;

/** Exit codes of {@code process-file} and {@code pipeline validate}, documented in the README. */
public final class ExitCodes {
    /** Every record is valid. */
    public static final int ALL_VALID = 0;

    /** The file was processed to the end and some records were rejected. */
    public static final int SOME_REJECTED = 1;

    /**
     * The file could not be processed: unreadable, bad schema, error threshold exceeded, output not
     * writable.
     */
    public static final int NOT_PROCESSED = 2;

    private ExitCodes() {}

    public static int of(ProcessingResult result) {
        if (result.outcome() != ProcessingResult.Outcome.COMPLETED) {
            return NOT_PROCESSED;
        }
        return result.totals().recordsRejected() == 0 ? ALL_VALID : SOME_REJECTED;
    }
}
