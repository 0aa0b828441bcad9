package com.partnerpipeline.app.upload;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;

/**
 * Uploads this API node accepted, {@code pipeline.uploads.accepted}, and their bytes, {@code
 * pipeline.uploads.bytes}.
 */
public final class UploadMetrics {
    private final Meter accepted;
    private final Meter bytes;

    public UploadMetrics(MetricRegistry registry) {
        accepted = registry.meter("pipeline.uploads.accepted");
        bytes = registry.meter("pipeline.uploads.bytes");
    }

    public void accepted(long size) {
        accepted.mark();
        bytes.mark(size);
    }
}
