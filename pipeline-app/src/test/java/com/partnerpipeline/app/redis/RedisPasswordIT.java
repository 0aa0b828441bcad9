package com.partnerpipeline.app.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.app.ops.ServiceProbe;
import com.partnerpipeline.app.testing.AppProcess;
import com.partnerpipeline.app.testing.TestServices;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import redis.embedded.RedisServer;

/**
 * {@code redis.password}, as the Compose deployment sets it: a Redis with requirepass, and the
 * empty default.
 */
class RedisPasswordIT {
    private static RedisServer protectedRedis;
    private static String address;

    @BeforeAll
    static void start() throws Exception {
        int port = AppProcess.freePort();
        protectedRedis =
                RedisServer.newRedisServer()
                        .bind("127.0.0.1")
                        .port(port)
                        .setting("requirepass s3cret-pass")
                        .build();
        protectedRedis.start();
        address = "redis://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        protectedRedis.stop();
    }

    @Test
    void theRightPasswordIsSentAndWorks() {
        withClient(
                address,
                "s3cret-pass",
                redis -> {
                    redis.getBucket("probe").set("ok");
                    assertThat(redis.<String>getBucket("probe").get()).isEqualTo("ok");
                });
    }

    @Test
    void aWrongPasswordMakesRedisUnhealthyInsteadOfHanging() {
        withClient(
                address,
                "wrong",
                redis -> assertThat(new ServiceProbe(null, redis).redis()).isFalse());
    }

    @Test
    void anEmptyPasswordMeansNoAuthAgainstARedisWithoutOne() {
        withClient(
                TestServices.redisUrl(),
                "",
                redis -> assertThat(new ServiceProbe(null, redis).redis()).isTrue());
    }

    private static void withClient(String address, String password, Consumer<RedissonClient> use) {
        RedisConfiguration config = new RedisConfiguration();
        config.setAddress(address);
        config.setPassword(password);
        RedissonClient redis = RedisClients.create(config);
        try {
            use.accept(redis);
        } finally {
            redis.shutdown();
        }
    }
}
