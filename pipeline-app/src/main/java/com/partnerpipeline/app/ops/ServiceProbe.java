package com.partnerpipeline.app.ops;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.redisson.api.RedissonClient;

/** Asks PostgreSQL and Redis whether they answer, each within two seconds. */
public final class ServiceProbe {
    private static final long TIMEOUT_SECONDS = 2;

    private final Jdbi jdbi;
    private final RedissonClient redis;

    public ServiceProbe(Jdbi jdbi, RedissonClient redis) {
        this.jdbi = jdbi;
        this.redis = redis;
    }

    public boolean database() {
        return answers(
                () ->
                        CompletableFuture.supplyAsync(
                                () ->
                                        jdbi.withHandle(
                                                handle ->
                                                        handle.createQuery("SELECT 1")
                                                                .mapTo(Integer.class)
                                                                .one())));
    }

    public boolean redis() {
        return answers(() -> redis.getKeys().countAsync().toCompletableFuture());
    }

    /**
     * The call may fail as it is made (a lazy client connecting) or later; either way the service
     * does not answer.
     */
    private static boolean answers(Supplier<CompletableFuture<?>> call) {
        CompletableFuture<?> pending = null;
        try {
            pending = call.get();
            pending.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (pending != null) {
                pending.cancel(true);
            }
            return false;
        }
    }
}
