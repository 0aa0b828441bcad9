package com.partnerpipeline.processing.offline;

import java.nio.file.Path;

/**
 * What to process offline and where to write the results.
 *
 * @param output valid records as JSON Lines, or null
 * @param errors one CSV row per error, or null
 * @param rejects rejected records as they were in the input plus {@code _errors}, or null
 */
public record OfflineRequest(
        Path input, Path schema, Path output, Path errors, Path rejects, int batchSize) {}
