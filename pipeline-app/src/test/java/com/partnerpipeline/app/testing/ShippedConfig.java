package com.partnerpipeline.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The built jar run with the shipped config.yml, pointed at a test environment's services only
 * through environment variables, as docker-compose.yml runs it: what an operator gets by default.
 */
public final class ShippedConfig {
    public static final Path FILE = Path.of("../config.yml").toAbsolutePath();

    /** A started process, its ports, and where its output goes. */
    public record Started(Process process, int port, int adminPort, Path log)
            implements AutoCloseable {
        public String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIGKILL if it still runs, for the end of a test, whatever happened in it. */
        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    private ShippedConfig() {}

    /**
     * The variables that point config.yml at {@code environment}'s database, Redis, key prefix and
     * uploads.
     */
    public static Map<String, String> environment(TestEnvironment environment) {
        TestServices.Postgres postgres = TestServices.postgres();
        Map<String, String> variables = new HashMap<>();
        variables.put("DATABASE_URL", environment.databaseUrl());
        variables.put("DATABASE_USER", postgres.user());
        variables.put("DATABASE_PASSWORD", postgres.password());
        variables.put("REDIS_URL", TestServices.redisUrl());
        variables.put("REDIS_KEY_PREFIX", environment.redisKeyPrefix());
        variables.put("UPLOAD_DIR", environment.uploadDirectory().toString());
        return variables;
    }

    /**
     * {@code server} on free ports, with {@code extra} variables over the defaults, once
     * /api/health says healthy.
     */
    public static Started server(TestEnvironment environment, Map<String, String> extra, Path log) {
        return server(environment, FILE, extra, log);
    }

    /** The same with another config file: config.yml with a section added, say. */
    public static Started server(
            TestEnvironment environment, Path configFile, Map<String, String> extra, Path log) {
        int port = AppProcess.freePort();
        int adminPort = AppProcess.freePort();
        Map<String, String> variables = environment(environment);
        variables.put("PIPELINE_PORT", String.valueOf(port));
        variables.put("PIPELINE_ADMIN_PORT", String.valueOf(adminPort));
        variables.putAll(extra);
        Started server =
                new Started(
                        AppProcess.start("server", configFile, variables, log),
                        port,
                        adminPort,
                        log);
        try {
            Fixtures.awaitTrue(
                    () -> new ApiClient(port).healthy() || !server.process().isAlive(),
                    Duration.ofSeconds(90),
                    "the server on port " + port + " is up");
            if (!server.process().isAlive()) {
                throw new AssertionError("the server exited: " + server.output());
            }
        } catch (RuntimeException | AssertionError e) {
            server.process().destroyForcibly();
            throw e;
        }
        return server;
    }

    /**
     * {@code worker} with its admin port on a free port, with {@code extra} variables, once its
     * admin port answers.
     */
    public static Started worker(TestEnvironment environment, Map<String, String> extra, Path log) {
        int adminPort = AppProcess.freePort();
        Map<String, String> variables = environment(environment);
        variables.put("WORKER_ADMIN_PORT", String.valueOf(adminPort));
        variables.putAll(extra);
        Started worker =
                new Started(AppProcess.start("worker", FILE, variables, log), 0, adminPort, log);
        try {
            AdminClient admin = new AdminClient("127.0.0.1", adminPort);
            Fixtures.awaitTrue(
                    () -> admin.answers() || !worker.process().isAlive(),
                    Duration.ofSeconds(90),
                    "the worker's admin port " + adminPort + " answers");
            if (!worker.process().isAlive()) {
                throw new AssertionError("the worker exited: " + worker.output());
            }
        } catch (RuntimeException | AssertionError e) {
            worker.process().destroyForcibly();
            throw e;
        }
        return worker;
    }
}
