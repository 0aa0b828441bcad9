package com.partnerpipeline.app.ops;

import com.codahale.metrics.health.HealthCheck;
import com.partnerpipeline.app.upload.UploadSpace;
import java.io.IOException;

/**
 * The admin port's health check of the upload disk: unhealthy below the reserve {@code
 * uploads.minFreeSpace}.
 */
public final class UploadSpaceHealthCheck extends HealthCheck {
    private final UploadSpace space;

    public UploadSpaceHealthCheck(UploadSpace space) {
        this.space = space;
    }

    @Override
    protected Result check() {
        UploadSpace.Reading reading;
        try {
            reading = space.read();
        } catch (IOException e) {
            return Result.unhealthy("the upload directory cannot be read: " + e.getMessage());
        }
        String figures = reading.freeBytes() + " bytes free of " + reading.totalBytes();
        return reading.low()
                ? Result.unhealthy(
                        "the upload directory has "
                                + figures
                                + ", below uploads.minFreeSpace ("
                                + reading.minFreeBytes()
                                + " bytes)")
                : Result.healthy(figures);
    }
}
