package com.partnerpipeline.app.logging;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.access.jetty.RequestLogImpl;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import io.dropwizard.core.setup.Environment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.LoggerFactory;

/**
 * No API key is written to any log, at any level (a key in a log file is a key anyone with the logs
 * can use). Keys arrive in request lines, headers and the WebSocket handshake's query string, and
 * at DEBUG and TRACE Jetty, Jersey and Dropwizard write those in many shapes, in messages and in
 * thread names. Rather than chase each logger, every appender's output is masked ({@link
 * RedactingEncoder}) as it is written, which holds whatever the level, the logger or the layout;
 * the request log's events are also seen through {@link RedactedEvents}, so a format that prints a
 * header's bare value masks it; and the few loggers that dump raw request bytes, where a key shows
 * cut short or without its name, never log below INFO ({@link RawTrafficFilter}).
 */
public final class LogRedaction {
    private LogRedaction() {}

    /**
     * For the logging Dropwizard has configured, and for the request log the server builds once
     * this has run.
     */
    public static void install(Environment environment) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding: nothing of ours to wrap
        }
        install(context);
        environment
                .lifecycle()
                .addEventListener(
                        new LifeCycle.Listener() {
                            @Override
                            public void lifeCycleStarting(LifeCycle component) {
                                if (component instanceof Server server) {
                                    install(context); // Dropwizard's "classic" request log attaches
                                    // its appenders with the server
                                    if (server.getRequestLog()
                                            instanceof RequestLogImpl requestLog) {
                                        redactRequestLog(requestLog);
                                    }
                                }
                            }
                        });
    }

    /**
     * Every appender of every logger, and the raw-traffic filter; a second call changes nothing.
     */
    static synchronized void install(LoggerContext context) {
        if (context.getTurboFilterList().stream().noneMatch(RawTrafficFilter.class::isInstance)) {
            RawTrafficFilter filter = new RawTrafficFilter();
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
        for (Logger logger : context.getLoggerList()) {
            for (Appender<ILoggingEvent> appender : appenders(logger)) {
                if (!maskOutput(
                        appender)) { // it writes other than through an encoder (syslog): mask its
                    // events
                    logger.detachAppender(appender);
                    logger.addAppender(new RedactingAppender<>(ILoggingEvent.class, appender));
                }
            }
        }
    }

    static synchronized void redactRequestLog(RequestLogImpl requestLog) {
        for (Appender<IAccessEvent> appender : appenders(requestLog)) {
            if (!(appender instanceof RedactingAppender)) {
                maskOutput(appender);
                requestLog.detachAppender(appender);
                requestLog.addAppender(new RedactingAppender<>(IAccessEvent.class, appender));
            }
        }
    }

    /**
     * Masks what this appender, and every appender it hands events to (Dropwizard wraps each in an
     * async one), writes through an encoder; false if one of them writes by other means.
     */
    private static boolean maskOutput(Appender<?> appender) {
        if (appender instanceof RedactingAppender<?> redacting) {
            maskOutput(redacting.appender());
            return true;
        }
        if (appender instanceof OutputStreamAppender<?> stream) {
            wrapEncoder(stream);
            return true;
        }
        if (appender instanceof AppenderAttachable<?> attachable) {
            boolean all = true;
            for (Appender<?> inner : appenders(attachable)) {
                all &= maskOutput(inner);
            }
            return all;
        }
        return false;
    }

    private static <E> void wrapEncoder(OutputStreamAppender<E> appender) {
        if (appender.getEncoder() != null && !(appender.getEncoder() instanceof RedactingEncoder)) {
            appender.setEncoder(new RedactingEncoder<>(appender.getEncoder()));
        }
    }

    private static <E> List<Appender<E>> appenders(AppenderAttachable<E> attachable) {
        List<Appender<E>> appenders = new ArrayList<>();
        for (Iterator<Appender<E>> it = attachable.iteratorForAppenders(); it.hasNext(); ) {
            appenders.add(it.next());
        }
        return appenders;
    }
}
