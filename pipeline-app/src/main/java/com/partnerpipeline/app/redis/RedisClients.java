package com.partnerpipeline.app.redis;

import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.CompletableFuture;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.Credentials;
import org.redisson.config.SingleServerConfig;

/**
 * Builds the Redisson client; lazy, so the API starts (and reports itself unhealthy) while Redis is
 * down.
 */
public final class RedisClients {
    private RedisClients() {}

    public static RedissonClient create(RedisConfiguration redis) {
        RedisAddress address = redis.parsedAddress();
        Config config = new Config();
        config.setLazyInitialization(true);
        SingleServerConfig server =
                config.useSingleServer()
                        .setAddress(address.server()) // no credentials or path: Redisson would log
                        // them, or drop them
                        .setDatabase(address.database())
                        .setConnectionMinimumIdleSize(1)
                        .setConnectTimeout(2_000)
                        .setTimeout(3_000)
                        .setRetryAttempts(2);
        String password = redis.effectivePassword();
        if (password != null && !password.isEmpty()) {
            Credentials credentials = new Credentials(address.username(), password);
            config.setCredentialsResolver(
                    ignored -> CompletableFuture.completedFuture(credentials));
        }
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
