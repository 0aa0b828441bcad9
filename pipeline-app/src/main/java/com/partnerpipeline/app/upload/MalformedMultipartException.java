package com.partnerpipeline.app.upload;

import java.io.IOException;

/**
 * The upload's multipart body is not well formed; the message says how, for a 400. An {@link
 * IOException}, since a part's content is a stream and may find out only while it is read.
 */
public final class MalformedMultipartException extends IOException {
    public MalformedMultipartException(String message) {
        super(message);
    }
}
