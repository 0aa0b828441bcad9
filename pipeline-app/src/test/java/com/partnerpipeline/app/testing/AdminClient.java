package com.partnerpipeline.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * An operator's requests to an admin port (the API's or a worker's), at a given address of this
 * machine.
 */
public final class AdminClient {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String host;
    private final int port;

    public AdminClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Whether anything accepts a TCP connection at this address and port. */
    public boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the admin port answers {@code /ping}. */
    public boolean answers() {
        try {
            return get("/ping").statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** {@code POST path} with {@code Authorization: authorization}, or no such header when null. */
    public HttpResponse<String> post(String path, String authorization) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        return send(
                authorization == null ? request : request.header("Authorization", authorization));
    }

    private URI uri(String path) {
        return URI.create(
                "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An IPv4 address of this machine that is not loopback (a LAN or container address), if it has
     * one.
     */
    public static Optional<String> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(AdminClient::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(
                            address ->
                                    address instanceof Inet4Address
                                            && !address.isLoopbackAddress()
                                            && !address.isLinkLocalAddress()
                                            && !address.isAnyLocalAddress())
                    .map(InetAddress::getHostAddress)
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
