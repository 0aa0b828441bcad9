package com.partnerpipeline.app.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.partnerpipeline.app.testing.AdminClient;
import com.partnerpipeline.app.testing.ApiClient;
import com.partnerpipeline.app.testing.AppProcess;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.Fixtures.TestPartner;
import com.partnerpipeline.app.testing.ShippedConfig;
import com.partnerpipeline.app.testing.TestEnvironment;
import com.partnerpipeline.app.testing.TestServices;
import com.partnerpipeline.app.testing.TlsRedis;
import com.partnerpipeline.testing.PartnerMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * REDIS_URL as operators write it, read by the built server and worker from the shipped config.yml:
 * a database index, credentials and rediss:// are used; what cannot be used stops the process at
 * once with one line naming the problem, never a stack trace, never the password.
 */
class RedisUrlIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final int DATABASE = 9;

    @TempDir Path dir;

    private final List<RedissonClient> clients = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (RedissonClient client : clients) { // only this class's keys: the Redis is shared
            client.getKeys().deleteByPattern(ENV.redisKeyPrefix() + "*");
            client.shutdown();
        }
    }

    @Test
    void theDatabaseInTheUrlHoldsTheServersAndTheWorkersKeys() throws Exception {
        String url = TestServices.redisUrl() + "/" + DATABASE;
        RedissonClient database9 = client(TestServices.redisUrl(), DATABASE);
        RedissonClient database0 = client(TestServices.redisUrl(), 0);
        Map<String, String> variables = Map.of("REDIS_URL", url);

        try (ShippedConfig.Started server =
                        ShippedConfig.server(ENV, variables, dir.resolve("server.log"));
                ShippedConfig.Started worker =
                        ShippedConfig.worker(ENV, variables, dir.resolve("worker.log"))) {
            assertThat(runJob(server.port()).path("status").asText()).isEqualTo("COMPLETED");
        }

        String queue = ENV.redisKeyPrefix() + ":jobs";
        assertThat(database9.getKeys().countExists(queue))
                .as("the queue in database %d", DATABASE)
                .isEqualTo(1);
        assertThat(database0.getKeys().getKeysByPattern(ENV.redisKeyPrefix() + "*"))
                .as("nothing in database 0")
                .isEmpty();
    }

    @Test
    void rediss_aPasswordAnAclUserAndADatabaseInTheUrlAreAllUsed() throws Exception {
        Path binary = TlsRedis.binary().orElse(null);
        assumeTrue(binary != null, "no redis-server on the PATH to run a TLS Redis with");
        String password = "default-user-secret";
        String userPassword = "pipeline-user-secret";
        try (TlsRedis redis =
                TlsRedis.start(
                        binary,
                        Files.createDirectories(dir.resolve("redis")),
                        password,
                        "pipeline",
                        userPassword)) {
            String address = "127.0.0.1:" + redis.port() + "/5";
            Map<String, String> server =
                    Map.of(
                            "REDIS_URL",
                            "rediss://:" + password + "@" + address,
                            "JAVA_TOOL_OPTIONS",
                            redis.trustOptions());
            Map<String, String> worker =
                    Map.of(
                            "REDIS_URL",
                            "rediss://pipeline:" + userPassword + "@" + address,
                            "JAVA_TOOL_OPTIONS",
                            redis.trustOptions());
            Path serverLog = dir.resolve("server.log");
            Path workerLog = dir.resolve("worker.log");
            try (ShippedConfig.Started api = ShippedConfig.server(ENV, server, serverLog);
                    ShippedConfig.Started processor =
                            ShippedConfig.worker(ENV, worker, workerLog)) {
                assertThat(runJob(api.port()).path("status").asText()).isEqualTo("COMPLETED");
                assertThat(
                                new com.fasterxml.jackson.databind.ObjectMapper()
                                        .readTree(
                                                new AdminClient("127.0.0.1", processor.adminPort())
                                                        .get("/healthcheck")
                                                        .body())
                                        .at("/redis/healthy")
                                        .asBoolean())
                        .isTrue();
            }

            RedissonClient database5 = redis.client(5);
            try {
                assertThat(database5.getKeys().countExists(ENV.redisKeyPrefix() + ":jobs"))
                        .isEqualTo(1);
            } finally {
                database5.shutdown();
            }
            assertThat(Files.readString(serverLog) + Files.readString(workerLog))
                    .doesNotContain(password, userPassword);
        }
    }

    /**
     * Each refusal's wording is RedisAddressTest's; here, that it stops the real processes, one
     * line each.
     */
    @Test
    void whatCannotBeUsedStopsServerAndWorkerWithOneLineNamingIt() throws Exception {
        String hint = "redis://[[user]:password@]host[:port][/database], or rediss:// for TLS";
        assertThat(
                        outputOfRefused(
                                "server",
                                Map.of("REDIS_URL", "redis://:secret-in-url@127.0.0.1:6379/x")))
                .containsExactly(
                        "error: "
                                + ShippedConfig.FILE
                                + ": redis.address has a database that is not a number "
                                + "from 0 to 2147483647, as in redis://host:6379/9");
        assertThat(
                        outputOfRefused(
                                "worker", Map.of("REDIS_URL", "redis://user-only@127.0.0.1:6379")))
                .containsExactly(
                        "error: "
                                + ShippedConfig.FILE
                                + ": redis.address has a user name but no password: "
                                + hint);
        assertThat(
                        outputOfRefused(
                                "worker",
                                Map.of(
                                        "REDIS_URL",
                                        "redis://:one-password@127.0.0.1:6379",
                                        "REDIS_PASSWORD",
                                        "another-password")))
                .containsExactly(
                        "error: "
                                + ShippedConfig.FILE
                                + ": redis.address has a password and redis.password "
                                + "(REDIS_PASSWORD) another one: give it in one place");
    }

    /**
     * A Redis that refuses the connection (here: a password it never asked for) stops a worker with
     * one line in words, not the names of the exceptions that carried it, and nothing warns about
     * deprecated settings on the way.
     */
    @Test
    void aRedisThatRefusesTheWorkerStopsItWithOneLineInWords() throws Exception {
        assumeTrue(
                !ShippedConfig.environment(ENV).getOrDefault("REDIS_URL", "").contains("@"),
                "the test Redis asks for a password already");

        List<String> lines =
                outputOfRefused("worker", Map.of("REDIS_PASSWORD", "a-password-never-asked-for"));

        assertThat(lines).noneMatch(line -> line.contains("deprecated"));
        assertThat(lines)
                .filteredOn(line -> line.startsWith("error: "))
                .singleElement()
                .satisfies(
                        line -> {
                            assertThat(line).contains("Redis");
                            PartnerMessages.assertClean("the worker's last words", line);
                        });
    }

    /** The non-blank lines a process refused at start wrote, once it exited 2. */
    private List<String> outputOfRefused(String command, Map<String, String> extra)
            throws Exception {
        Map<String, String> variables = new HashMap<>(ShippedConfig.environment(ENV));
        variables.put("PIPELINE_PORT", String.valueOf(AppProcess.freePort()));
        variables.put("PIPELINE_ADMIN_PORT", String.valueOf(AppProcess.freePort()));
        variables.put("WORKER_ADMIN_PORT", String.valueOf(AppProcess.freePort()));
        variables.putAll(extra);
        Path log = Files.createTempFile(dir, command, ".log");
        Process process = AppProcess.start(command, ShippedConfig.FILE, variables, log);
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("%s with %s exits", command, extra)
                    .isTrue();
            assertThat(process.exitValue()).as(Files.readString(log)).isEqualTo(2);
        } finally {
            process.destroyForcibly();
        }
        return Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
    }

    /** A job through the API, processed by whatever worker runs, until it ends. */
    private com.fasterxml.jackson.databind.JsonNode runJob(int port) {
        ApiClient api = new ApiClient(port);
        TestPartner partner = Fixtures.partner(ENV.jdbi(), "Redis URL");
        String schemaId = Fixtures.schema(api, partner, Fixtures.NUMBERS_SCHEMA);
        String jobId =
                Fixtures.upload(
                        api, partner, Fixtures.numbersCsv(dir, "numbers.csv", 500, 0), schemaId);
        return Fixtures.awaitStatus(
                api, partner, jobId, Duration.ofSeconds(60), "COMPLETED", "FAILED", "CANCELLED");
    }

    private RedissonClient client(String url, int database) {
        Config config = new Config();
        config.useSingleServer().setAddress(url).setDatabase(database);
        RedissonClient client = Redisson.create(config);
        clients.add(client);
        return client;
    }
}
