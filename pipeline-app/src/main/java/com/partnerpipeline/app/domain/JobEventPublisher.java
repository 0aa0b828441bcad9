package com.partnerpipeline.app.domain;

/** Where a job's live events go. */
@FunctionalInterface
public interface JobEventPublisher {
    /** Publishes nothing: for a one-off run with no Redis and nobody watching. */
    JobEventPublisher NONE = event -> {};

    /** Must return at once, whatever happens to the event. */
    void publish(JobEvent event);
}
