package com.partnerpipeline.validation;

import java.util.Optional;

/**
 * {@code maxErrors} and {@code maxErrorRate}: when a file has so many rejected records that going
 * on is pointless.
 *
 * @param maxErrors fail once more records than this are rejected; null for no limit
 * @param maxErrorRate fail once the share of rejected records exceeds this fraction; null for no
 *     limit
 * @param minRecordsForErrorRate the rate is judged only once this many records were read, so one
 *     bad record early on does not fail a large file
 */
public record ErrorThresholds(Long maxErrors, Double maxErrorRate, long minRecordsForErrorRate) {
    public static final long DEFAULT_MIN_RECORDS_FOR_ERROR_RATE = 100;
    public static final ErrorThresholds NONE =
            new ErrorThresholds(null, null, DEFAULT_MIN_RECORDS_FOR_ERROR_RATE);

    /** Why processing must stop, if it must. */
    public Optional<String> exceeded(long recordsRead, long recordsRejected) {
        if (maxErrors != null && recordsRejected > maxErrors) {
            return Optional.of("more than " + maxErrors + " records rejected (maxErrors)");
        }
        if (maxErrorRate != null
                && recordsRead >= minRecordsForErrorRate
                && recordsRejected > maxErrorRate * recordsRead) {
            return Optional.of(
                    String.format(
                            "%d of %d records rejected, above the allowed rate of %s (maxErrorRate)",
                            recordsRejected, recordsRead, maxErrorRate));
        }
        return Optional.empty();
    }
}
