package com.partnerpipeline.processing;

/** Told after every batch; throttles itself if it reports anywhere costly. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> {};

    void onProgress(ProcessingProgress progress);
}
