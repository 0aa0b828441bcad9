package com.partnerpipeline.app.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import redis.embedded.RedisServer;

/**
 * A real PostgreSQL (binaries from Maven Central) and a real Redis, run as child processes of this
 * JVM: for the {@code dev} command and for tests on a machine that has neither. Production points
 * config.yml at real services.
 */
public final class EmbeddedServices implements AutoCloseable {
    /** The database that dev mode uses; tests create their own next to it. */
    public static final String DATABASE = "pipeline";

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final RedisServer redis;
    private final int redisPort;

    private EmbeddedServices(EmbeddedPostgres postgres, RedisServer redis, int redisPort) {
        this.postgres = postgres;
        this.redis = redis;
        this.redisPort = redisPort;
    }

    /**
     * @param directory holds PostgreSQL's data in {@code postgres/} and Redis's append-only file in
     *     {@code redis/}
     * @param keepData false for throwaway services (tests): the data directory starts empty and
     *     Redis writes nothing
     * @param postgresPort 0 for any free port
     * @param redisPort 0 for any free port
     */
    public static EmbeddedServices start(
            Path directory, boolean keepData, int postgresPort, int redisPort) throws IOException {
        Path redisData = Files.createDirectories(directory.resolve("redis"));
        if (keepData) {
            LeftoverProcess.stop(
                    directory.resolve("postgres").resolve("postmaster.pid"), "postgres");
            LeftoverProcess.stop(redisData.resolve("redis.pid"), "redis-server");
        }
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder()
                        .setDataDirectory(directory.resolve("postgres"))
                        .setCleanDataDirectory(!keepData)
                        .setRegisterShutdownHook(
                                false) // closed by our owner, after the workers have handed their
                        // jobs back
                        .setServerConfig("listen_addresses", "127.0.0.1");
        if (postgresPort != 0) {
            builder.setPort(postgresPort);
        }
        EmbeddedPostgres postgres = builder.start();
        try {
            createDatabase(postgres);
            int port = redisPort != 0 ? redisPort : freePort();
            RedisServer redis =
                    RedisServer.newRedisServer()
                            .bind("127.0.0.1")
                            .port(port)
                            .setting("dir " + redisData.toAbsolutePath())
                            .setting("pidfile " + redisData.toAbsolutePath().resolve("redis.pid"))
                            .setting(keepData ? "appendonly yes" : "appendonly no")
                            .setting("save \"\"")
                            .build();
            redis.start();
            return new EmbeddedServices(postgres, redis, port);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    private static void createDatabase(EmbeddedPostgres postgres) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement exists =
                    connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, DATABASE);
                try (ResultSet found = exists.executeQuery()) {
                    if (found.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IOException(
                    "cannot create the database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for Redis", e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    @Override
    public void close() throws IOException {
        try {
            redis.stop();
        } finally {
            postgres.close();
        }
    }
}
