package com.partnerpipeline.app.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * {@code redis.address} taken apart: {@code redis://[[user]:password@]host[:port][/database]}, or
 * {@code rediss://} for TLS. Redisson reads only the scheme, host, port and (depending on the
 * version) the credentials of such a URL and ignores the rest, so a database index in it was
 * silently dropped: every part is read here, and a URL with a part that cannot be used is refused
 * with a message naming it. Messages never repeat the URL, which may hold a password.
 */
public record RedisAddress(
        boolean tls, String host, int port, int database, String username, String password) {
    public static final String FORM =
            "redis://[[user]:password@]host[:port][/database], or rediss:// for TLS";
    private static final int DEFAULT_PORT = 6379;

    /**
     * @throws IllegalArgumentException naming what is wrong, to follow "redis.address "
     */
    public static RedisAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            String reason =
                    e.getReason().isEmpty()
                            ? ""
                            : Character.toLowerCase(e.getReason().charAt(0))
                                    + e.getReason().substring(1);
            throw new IllegalArgumentException(
                    "is not a URL ("
                            + reason
                            + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "")
                            + "): "
                            + FORM);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("must start with redis:// or rediss://: " + FORM);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "has a query or a fragment, which Redis URLs do not use: " + FORM);
        }
        if (uri.getHost()
                == null) { // java.net.URI keeps an authority it cannot read as host:port whole
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
            boolean hasPort = hostAndPort.lastIndexOf(':') > hostAndPort.lastIndexOf(']');
            if (hasPort && hostAndPort.lastIndexOf(':') > 0) {
                throw new IllegalArgumentException(
                        "has a port that is not a number from 1 to 65535: " + FORM);
            }
            throw new IllegalArgumentException("has no host: " + FORM);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "has a port that is not a number from 1 to 65535: " + FORM);
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String userInfo =
                    uri.getUserInfo(); // percent-decoded: a password may hold any character,
            // encoded
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("has a user name but no password: " + FORM);
            }
            username = colon == 0 ? null : userInfo.substring(0, colon);
            password = colon == userInfo.length() - 1 ? null : userInfo.substring(colon + 1);
            if (password == null && username != null) {
                throw new IllegalArgumentException("has a user name but no password: " + FORM);
            }
        }
        return new RedisAddress(
                scheme.equals("rediss"),
                uri.getHost(),
                port,
                database(uri.getRawPath()),
                username,
                password);
    }

    private static int database(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        String digits = path.substring(1);
        if (!digits.matches("[0-9]{1,10}") || Long.parseLong(digits) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "has a database that is not a number from 0 to 2147483647, as in redis://host:6379/9");
        }
        return Integer.parseInt(digits);
    }

    /**
     * What Redisson is given: scheme, host and port only; the database and credentials are set
     * apart.
     */
    public String server() {
        return (tls ? "rediss://" : "redis://")
                + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + ":"
                + port;
    }

    @Override
    public String toString() { // never the password
        return server() + "/" + database + (username != null ? " as " + username : "");
    }
}
