package com.partnerpipeline.app.resources;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A request body as the client sends it. Whatever goes wrong while it is read is the client's doing
 * and becomes a {@link FailedException} with the status and words to answer with, never a 500: a
 * body that ends before its Content-Length (400), one that stops arriving (408), one that arrives
 * slower than {@code minBytesPerSecond} over any {@code window} (408: a trickle holds a request
 * thread as long as it lasts), one longer than {@code maxBytes}.
 */
public final class ClientInput extends FilterInputStream {
    static final String ENDED_EARLY = "the request body ended before its Content-Length";

    /** The body could not be read to its end because of the client. */
    public static final class FailedException extends IOException {
        private final int status;

        FailedException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** What a body may cost: its size, and the least data it must bring per window. */
    public record Limits(long minBytesPerSecond, Duration window) {}

    private final Limits limits;
    private final long maxBytes;
    private final String tooLarge;
    private long read;
    private long windowStart = System.nanoTime();
    private long windowBytes;

    /** {@code tooLarge}: the 413 message for a body over {@code maxBytes}. */
    public ClientInput(InputStream in, Limits limits, long maxBytes, String tooLarge) {
        super(in);
        this.limits = limits;
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (InterruptedIOException e) {
            throw e; // a shutdown stopping the read: the caller knows why
        } catch (IOException e) {
            throw failure(e);
        }
        if (n > 0) {
            count(n);
        }
        return n;
    }

    /** Skipped bytes are counted like read ones. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
    }

    private void count(int n) throws FailedException {
        read += n;
        if (read > maxBytes) {
            throw new FailedException(413, tooLarge);
        }
        windowBytes += n;
        long now = System.nanoTime();
        long elapsed = now - windowStart;
        if (elapsed >= limits.window().toNanos()) {
            if (windowBytes * 1_000_000_000L < limits.minBytesPerSecond() * elapsed) {
                throw new FailedException(
                        408,
                        "the request body arrived slower than "
                                + limits.minBytesPerSecond()
                                + " bytes per second over "
                                + limits.window().toSeconds()
                                + " s (api.minDataRate)");
            }
            windowStart = now;
            windowBytes = 0;
        }
    }

    private static IOException failure(IOException e) {
        if (e instanceof FailedException) {
            return e;
        }
        if (e instanceof EOFException) {
            return new FailedException(400, ENDED_EARLY);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return new FailedException(408, "the request body stopped arriving");
            }
        }
        return new FailedException(400, "the request body could not be read to its end");
    }
}
