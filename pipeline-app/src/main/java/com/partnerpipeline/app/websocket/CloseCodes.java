package com.partnerpipeline.app.websocket;

/** The close codes this server uses (RFC 6455, section 7.4.1). */
final class CloseCodes {
    /** The job ended; its completed message was the last one. */
    static final int NORMAL = 1000;

    /** The server is shutting down. */
    static final int GOING_AWAY = 1001;

    /** Refused: a missing or wrong key or partnerId, or a job that is not the partner's. */
    static final int POLICY_VIOLATION = 1008;

    /** The server could not check the request (database unavailable). */
    static final int SERVER_ERROR = 1011;

    /** The client did not read its messages fast enough, or stopped answering pings. */
    static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {}
}
