package com.partnerpipeline.app.testing;

import com.partnerpipeline.app.dev.EmbeddedServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Finds the real PostgreSQL and Redis the integration tests run against, in this order: URLs in the
 * environment ({@code PIPELINE_TEST_DATABASE_URL}, {@code PIPELINE_TEST_DATABASE_USER}, {@code
 * PIPELINE_TEST_DATABASE_PASSWORD}, {@code PIPELINE_TEST_REDIS_URL}), local services on 127.0.0.1
 * (5432, 6379), Testcontainers where Docker runs, and last the embedded ones of dev mode, so a
 * machine with only a JDK runs the whole suite. {@code PIPELINE_TEST_SERVICES=embedded} skips
 * straight to those. Every test class gets a database of its own, dropped when the JVM exits, and a
 * Redis key prefix of its own.
 */
public final class TestServices {
    /**
     * Where to create test databases from: a JDBC URL of a database we may run CREATE DATABASE in.
     */
    public record Postgres(String adminUrl, String user, String password) {
        /** The same server's URL for another database. */
        public String urlOf(String database) {
            java.util.regex.Matcher url =
                    java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/]+/)[^?]*(\\?.*)?$")
                            .matcher(adminUrl);
            if (!url.matches()) {
                throw new IllegalStateException("not a PostgreSQL JDBC URL: " + adminUrl);
            }
            return url.group(1) + database + (url.group(2) == null ? "" : url.group(2));
        }
    }

    private static Postgres postgres;
    private static String redisUrl;
    private static EmbeddedServices embedded;

    private TestServices() {}

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = findPostgres();
        }
        return postgres;
    }

    public static synchronized String redisUrl() {
        if (redisUrl == null) {
            redisUrl = findRedis();
        }
        return redisUrl;
    }

    private static Postgres findPostgres() {
        if (embeddedOnly()) {
            return embeddedPostgres();
        }
        String url = System.getenv("PIPELINE_TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new Postgres(
                    url,
                    env("PIPELINE_TEST_DATABASE_USER", "postgres"),
                    env("PIPELINE_TEST_DATABASE_PASSWORD", ""));
        }
        if (listening(5432)) {
            return new Postgres("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16");
            container.start();
            return new Postgres(
                    container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        return embeddedPostgres();
    }

    private static boolean embeddedOnly() {
        return "embedded".equals(System.getenv("PIPELINE_TEST_SERVICES"));
    }

    private static Postgres embeddedPostgres() {
        return new Postgres(embedded().jdbcUrl("postgres"), EmbeddedServices.USER, "");
    }

    /** Both services in one go, in a throwaway directory, stopped when the JVM exits. */
    private static synchronized EmbeddedServices embedded() {
        if (embedded == null) {
            try {
                embedded =
                        EmbeddedServices.start(
                                Files.createTempDirectory("pipeline-test-services"), false, 0, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot start the embedded PostgreSQL and Redis: " + e.getMessage(), e);
            }
            EmbeddedServices services = embedded;
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        try {
                                            services.close();
                                        } catch (IOException e) {
                                            System.err.println(
                                                    "could not stop the embedded PostgreSQL and Redis: "
                                                            + e.getMessage());
                                        }
                                    }));
        }
        return embedded;
    }

    private static String findRedis() {
        if (embeddedOnly()) {
            return embedded().redisUrl();
        }
        String url = System.getenv("PIPELINE_TEST_REDIS_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        if (listening(6379)) {
            return "redis://127.0.0.1:6379";
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            GenericContainer<?> container =
                    new GenericContainer<>("redis:7").withExposedPorts(6379);
            container.start();
            return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
        return embedded().redisUrl();
    }

    /** A fresh, empty database, dropped when the JVM exits. */
    public static String createDatabase() {
        return createDatabase(postgres());
    }

    /**
     * A fresh, empty database on {@code server}, dropped when the JVM exits if the server still
     * runs.
     */
    public static String createDatabase(Postgres server) {
        String name =
                "pipeline_it_"
                        + UUID.randomUUID()
                                .toString()
                                .replace("-", "")
                                .substring(0, 12)
                                .toLowerCase(Locale.ROOT);
        execute(server, "CREATE DATABASE " + name);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        execute(
                                                server,
                                                "DROP DATABASE IF EXISTS "
                                                        + name
                                                        + " WITH (FORCE)");
                                    } catch (RuntimeException e) {
                                        // a leftover test database is harmless; the next run uses
                                        // another name
                                    }
                                }));
        return server.urlOf(name);
    }

    /** A key prefix no other run uses. */
    public static String redisKeyPrefix() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void execute(Postgres server, String sql) {
        try (Connection connection =
                        DriverManager.getConnection(
                                server.adminUrl(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String absent) {
        String value = System.getenv(name);
        return value == null ? absent : value;
    }
}
