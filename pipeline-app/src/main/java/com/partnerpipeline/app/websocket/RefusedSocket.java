package com.partnerpipeline.app.websocket;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A socket the handshake refused: closed at once with a code and a reason, before any job data. */
public final class RefusedSocket implements Session.Listener.AutoDemanding {
    private final int code;
    private final String reason;

    RefusedSocket(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        session.close(code, reason, Callback.NOOP);
    }
}
