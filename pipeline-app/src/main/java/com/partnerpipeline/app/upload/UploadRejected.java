package com.partnerpipeline.app.upload;

/**
 * An upload is refused, in words for the partner. {@code bodyLeftUnread}: the rest of the request
 * body was not read (or only drained so far), so the connection cannot be used for another request.
 */
public final class UploadRejected extends Exception {
    /** Why, for the API to choose its status. */
    public enum Reason {
        /** Empty, or a file name that cannot be one. */
        INVALID,
        /** A type that is not accepted, or content that is not what the name says. */
        UNSUPPORTED_TYPE,
        /** Over {@code uploads.maxFileSize}. */
        TOO_LARGE,
        /** The disk, or its reserve, has no room for it now. */
        NO_ROOM
    }

    private final Reason reason;
    private final boolean bodyLeftUnread;

    UploadRejected(Reason reason, String message) {
        this(reason, message, false);
    }

    UploadRejected(Reason reason, String message, boolean bodyLeftUnread) {
        super(message, null, false, false);
        this.reason = reason;
        this.bodyLeftUnread = bodyLeftUnread;
    }

    public Reason reason() {
        return reason;
    }

    public boolean bodyLeftUnread() {
        return bodyLeftUnread;
    }
}
