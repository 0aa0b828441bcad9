package com.partnerpipeline.formats;

import java.io.IOException;

/**
 * How a failure to read the input itself (a disk or network error, not its content) is worded, by
 * every reader.
 */
final class ReadErrors {
    private ReadErrors() {}

    /**
     * The operating system's own words ("Input/output error") where there are some. A wrapping
     * exception's message is its cause's {@code toString()}, class name included, so only a message
     * of an exception without a cause is used.
     */
    static String reason(IOException e) {
        Throwable failure = e;
        while (failure.getCause() instanceof IOException cause) {
            failure = cause;
        }
        String message = failure.getCause() == null ? failure.getMessage() : null;
        return message == null || message.isBlank() ? "read error" : "read error: " + message;
    }
}
