package com.partnerpipeline.app.logging;

import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/** Hands another appender a {@link RedactedEvents view} of each event instead of the event. */
final class RedactingAppender<E> extends UnsynchronizedAppenderBase<E> {
    private final Class<E> type;
    private final Appender<E> appender;

    RedactingAppender(Class<E> type, Appender<E> appender) {
        this.type = type;
        this.appender = appender;
        setContext(appender.getContext());
        setName(appender.getName());
        start();
    }

    Appender<E> appender() {
        return appender;
    }

    @Override
    protected void append(E event) {
        appender.doAppend(RedactedEvents.view(type, event));
    }

    @Override
    public void stop() {
        super.stop();
        appender.stop();
    }
}
