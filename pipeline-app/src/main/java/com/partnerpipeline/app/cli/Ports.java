package com.partnerpipeline.app.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports checked before anything starts, so a taken one is one clear line rather than a half-started
 * process.
 */
final class Ports {
    private Ports() {}

    /**
     * @param host the address to bind, null for all
     * @param port 0 (any free port) always passes
     * @param howToChange the option or key that picks another port, for the message
     */
    static void requireFree(String what, String host, int port, String howToChange) {
        if (port == 0) {
            return;
        }
        InetSocketAddress address =
                host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalStateException(
                    "cannot listen on " + host + " (" + what + "): no such host");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Jetty binds: a port in TIME_WAIT is free
            socket.bind(address);
        } catch (IOException e) {
            if (host != null
                    && !String.valueOf(e.getMessage())
                            .contains("in use")) { // not an address of this machine
                throw new IllegalStateException(
                        "cannot listen on "
                                + host
                                + ":"
                                + port
                                + " ("
                                + what
                                + "): "
                                + e.getMessage());
            }
            throw new IllegalStateException(
                    "port "
                            + port
                            + " ("
                            + what
                            + ") is already in use: stop what is using it, "
                            + "or choose another with "
                            + howToChange);
        }
    }
}
