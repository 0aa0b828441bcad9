package com.partnerpipeline.app.core;

/** The upload's multipart body is not well formed; the message says how, for a 400. */
public final class MalformedMultipartException extends Exception {
    public MalformedMultipartException(String message) {
        super(message, null, false, false);
    }
}
