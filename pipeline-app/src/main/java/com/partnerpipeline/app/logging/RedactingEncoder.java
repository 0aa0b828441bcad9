package com.partnerpipeline.app.logging;

import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;

/**
 * Masks keys in the bytes an appender is about to write, whatever put them there: the message, an
 * argument, an exception, the thread name (Dropwizard names request threads after the request line,
 * query string included), the MDC, the layout. Bytes are read as ISO-8859-1, one character per
 * byte, so what is not masked is written back exactly as the layout encoded it, in UTF-8 or any
 * other charset that keeps ASCII as it is.
 */
final class RedactingEncoder<E> extends ContextAwareBase implements Encoder<E> {
    private final Encoder<E> encoder;

    RedactingEncoder(Encoder<E> encoder) {
        this.encoder = encoder;
        setContext(encoder.getContext());
    }

    @Override
    public byte[] headerBytes() {
        return redact(encoder.headerBytes());
    }

    @Override
    public byte[] encode(E event) {
        return redact(encoder.encode(event));
    }

    @Override
    public byte[] footerBytes() {
        return redact(encoder.footerBytes());
    }

    static byte[] redact(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return bytes;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String redacted = ApiKeyRedaction.redact(text);
        return redacted == text ? bytes : redacted.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void start() {
        encoder.start();
    }

    @Override
    public void stop() {
        encoder.stop();
    }

    @Override
    public boolean isStarted() {
        return encoder.isStarted();
    }
}
