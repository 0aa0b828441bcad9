package com.partnerpipeline.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The appenders of a logback context as Dropwizard leaves them, after {@link
 * LogRedaction#install(LoggerContext)}.
 */
class LogRedactionTest {
    private static final String KEY =
            "pk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void appenders() {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("[%thread] %logger %msg %ex{full} %mdc%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
        console.setContext(context);
        console.setEncoder(encoder);
        console.setOutputStream(written);
        console.start();
        events.setContext(context);
        events.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.TRACE);
        root.addAppender(console);
        root.addAppender(events);
    }

    @Test
    void whatAnEncoderWritesIsMaskedWhereverTheKeyWas() throws Exception {
        LogRedaction.install(context);
        LogRedaction.install(context);

        logOnRequestThread(
                "dw-7 - GET /ws/jobs/1?apiKey=wrong-free-form",
                () -> {
                    Logger logger =
                            context.getLogger("org.eclipse.jetty.server.internal.HttpChannelState");
                    context.getMDCAdapter().put("header", "X-API-Key: mdc-secret");
                    logger.debug(
                            "onRequest {} with X-API-Key: {}",
                            "GET http://h/x?apiKey=" + KEY,
                            "other-wrong");
                    logger.warn("failed", new IllegalStateException("bad X-API-Key: in-exception"));
                    context.getMDCAdapter().clear();
                });

        String output = written.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains(
                        "[dw-7 - GET /ws/jobs/1?apiKey=***]",
                        "onRequest GET http://h/x?apiKey=*** with X-API-Key: ***",
                        "IllegalStateException: bad X-API-Key: ***");
        assertThat(output)
                .contains("header=X-API-Key: ***")
                .doesNotContain(
                        KEY.substring(3, 20),
                        "wrong-free-form",
                        "other-wrong",
                        "in-exception",
                        "mdc-secret");
        assertThat(context.getTurboFilterList()).hasSize(1);
    }

    @Test
    void anAppenderWithoutAnEncoderIsGivenMaskedEvents() {
        LogRedaction.install(context);

        logOnRequestThread(
                "dw-8 - GET /api/me?apiKey=wrong-free-form",
                () ->
                        context.getLogger("com.partnerpipeline.Example")
                                .info(
                                        "key {} refused",
                                        KEY,
                                        new RuntimeException("apiKey=" + KEY)));

        assertThat(redactingAppender().appender())
                .as("the list appender, which has no encoder, was wrapped")
                .isSameAs(events);
        ILoggingEvent event = events.list.get(0);
        assertThat(event.getFormattedMessage()).isEqualTo("key pk_*** refused");
        assertThat(event.getThreadName()).isEqualTo("dw-8 - GET /api/me?apiKey=***");
        assertThat(event.getArgumentArray()).containsExactly("pk_***");
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("apiKey=***");
        assertThat(event.getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void loggersThatDumpRawRequestBytesStayAtInfoWhateverTheirLevel() {
        LogRedaction.install(context);
        Logger endpoint = context.getLogger("org.eclipse.jetty.io.SocketChannelEndPoint");
        Logger parser = context.getLogger("org.eclipse.jetty.http.HttpParser");
        Logger server = context.getLogger("org.eclipse.jetty.server.Server");
        endpoint.setLevel(Level.TRACE); // as POST /tasks/log-level would
        parser.setLevel(Level.DEBUG);

        endpoint.debug("filled 165 {<<<GET /api/me HTTP/1.1\\r\\nX-API-Key: raw...");
        parser.debug("parsedHeader headerString=[X-API-Key], valueString=[raw-value]");
        parser.info("kept: INFO and above pass");
        server.debug("kept: other Jetty loggers still debug");

        assertThat(endpoint.isDebugEnabled()).isFalse();
        assertThat(parser.isTraceEnabled()).isFalse();
        assertThat(server.isDebugEnabled()).isTrue();
        assertThat(written.toString(StandardCharsets.UTF_8))
                .doesNotContain("raw")
                .contains("kept: INFO and above pass", "kept: other Jetty loggers still debug");
    }

    private RedactingAppender<ILoggingEvent> redactingAppender() {
        AtomicReference<RedactingAppender<ILoggingEvent>> found = new AtomicReference<>();
        context.getLogger(Logger.ROOT_LOGGER_NAME)
                .iteratorForAppenders()
                .forEachRemaining(
                        appender -> {
                            if (appender instanceof RedactingAppender<ILoggingEvent> redacting) {
                                found.set(redacting);
                            }
                        });
        assertThat(found.get()).isNotNull();
        return found.get();
    }

    private static void logOnRequestThread(String name, Runnable logging) {
        Thread thread = new Thread(logging, name);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
