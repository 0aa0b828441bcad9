package com.partnerpipeline.app.core;

import io.dropwizard.lifecycle.Managed;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Builds the Redisson client; lazy, so the API starts (and reports itself unhealthy) while Redis is down. */
public final class RedisClients {
    private RedisClients() {
    }

    public static RedissonClient create(RedisConfiguration redis) {
        Config config = new Config();
        config.setLazyInitialization(true);
        config.useSingleServer()
                .setAddress(redis.getAddress())
                .setPassword(redis.getPassword())
                .setConnectionMinimumIdleSize(1)
                .setConnectTimeout(2_000)
                .setTimeout(3_000)
                .setRetryAttempts(2);
        return Redisson.create(config);
    }

    /** Shuts the client down with the application. */
    public static Managed managed(RedissonClient client) {
        return new Managed() {
            @Override
            public void stop() {
                client.shutdown();
            }
        };
    }
}
