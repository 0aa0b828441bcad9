package com.partnerpipeline.app.testing;

import com.partnerpipeline.app.PipelineApplication;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * One test class's world: its own database (migrated), its own Redis key prefix, its own upload
 * directory, and a config file pointing at them, with short worker intervals so takeovers happen in
 * seconds.
 */
public final class TestEnvironment {
    private final Path directory;
    private final Path configFile;
    private final String databaseUrl;
    private final String redisUrl;
    private final String keyPrefix;
    private final TestServices.Postgres server;

    private TestEnvironment(
            Path directory,
            TestServices.Postgres server,
            String databaseUrl,
            String redisUrl,
            String keyPrefix)
            throws IOException {
        this.directory = directory;
        this.server = server;
        this.databaseUrl = databaseUrl;
        this.redisUrl = redisUrl;
        this.keyPrefix = keyPrefix;
        this.configFile = directory.resolve("config.yml");
        Files.writeString(configFile, config());
    }

    /** With the real services the harness finds. */
    public static TestEnvironment create() {
        return create(TestServices.redisUrl());
    }

    /** With Redis at {@code redisUrl}, reachable or not. */
    public static TestEnvironment create(String redisUrl) {
        return create(TestServices.postgres(), redisUrl);
    }

    /**
     * With a PostgreSQL server of the test's own (one it breaks), and Redis at {@code redisUrl}.
     */
    public static TestEnvironment create(TestServices.Postgres server, String redisUrl) {
        try {
            TestEnvironment environment =
                    new TestEnvironment(
                            Files.createTempDirectory("pipeline-it"),
                            server,
                            TestServices.createDatabase(server),
                            redisUrl,
                            TestServices.redisKeyPrefix());
            environment.migrate();
            return environment;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String config() {
        return config(0, 0);
    }

    /** The same world for another server process, on fixed ports it can be reached at. */
    public Path configFileWithPorts(int applicationPort, int adminPort) {
        try {
            Path file = directory.resolve("config-" + applicationPort + ".yml");
            Files.writeString(file, config(applicationPort, adminPort));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String config(int applicationPort, int adminPort) {
        return """
                database:
                  driverClass: org.postgresql.Driver
                  url: "%s"
                  user: "%s"
                  password: "%s"
                  minSize: 1
                  maxSize: 16
                  checkConnectionOnBorrow: true
                  validationInterval: 1s
                  validationQuery: "SELECT 1"
                redis:
                  address: "%s"
                  keyPrefix: "%s"
                uploads:
                  directory: "%s"
                  maxFileSize: 16MiB
                worker:
                  concurrency: 2
                  progressInterval: 200ms
                  staleAfter: 2s
                  takeoverCheckInterval: 500ms
                  sweepInterval: 1s
                  shutdownTimeout: 10s
                  retryBackoffLimit: 30s
                  adminPort: 0
                processing:
                  batchSize: 100
                webSocket:
                  pingInterval: 200ms
                  idleTimeout: 1s
                server:
                  applicationConnectors:
                    - type: http
                      port: %d
                  adminConnectors:
                    - type: http
                      port: %d
                logging:
                  level: WARN
                """
                .formatted(
                        databaseUrl,
                        server.user(),
                        server.password(),
                        redisUrl,
                        keyPrefix,
                        directory.resolve("uploads"),
                        applicationPort,
                        adminPort);
    }

    private void migrate() {
        PipelineApplication application = new PipelineApplication();
        Bootstrap<com.partnerpipeline.app.PipelineConfiguration> bootstrap =
                new Bootstrap<>(application);
        application.initialize(bootstrap);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        Optional<Throwable> failure =
                new Cli(new JarLocation(PipelineApplication.class), bootstrap, print, print)
                        .run("db", "migrate", configFile.toString());
        if (failure.isPresent()) {
            throw new IllegalStateException(
                    "migrations failed: " + output.toString(StandardCharsets.UTF_8), failure.get());
        }
    }

    public Path configFile() {
        return configFile;
    }

    public Path uploadDirectory() {
        return directory.resolve("uploads");
    }

    public String redisKeyPrefix() {
        return keyPrefix;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    /** A connection to this environment's database, as its own session. */
    public java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(databaseUrl, server.user(), server.password());
    }

    /** This class's database, for tests whose server runs in another process. */
    public Jdbi jdbi() {
        return Jdbi.create(databaseUrl, server.user(), server.password())
                .installPlugin(new SqlObjectPlugin());
    }

    public Path directory() {
        return directory;
    }
}
