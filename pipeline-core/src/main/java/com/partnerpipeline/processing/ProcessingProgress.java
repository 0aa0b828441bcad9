package com.partnerpipeline.processing;

/**
 * Counters of a run so far.
 *
 * @param recordsRead records evaluated (valid plus rejected)
 * @param fieldErrors errors reported, one or more per rejected record
 * @param bytesConsumed bytes of the file read, for progress by size
 */
public record ProcessingProgress(
        long recordsRead,
        long recordsValid,
        long recordsRejected,
        long fieldErrors,
        long bytesConsumed) {}
