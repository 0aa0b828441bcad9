package com.partnerpipeline.app;

import com.partnerpipeline.app.ops.ServiceGauges;
import com.partnerpipeline.app.ops.ServiceHealthCheck;
import com.partnerpipeline.app.ops.ServiceProbe;
import com.partnerpipeline.app.redis.JobCancellations;
import com.partnerpipeline.app.redis.JobEventTopics;
import com.partnerpipeline.app.redis.JobQueue;
import com.partnerpipeline.app.redis.RedisClients;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;
import org.redisson.api.RedissonClient;

/** The connections the API and the workers share, built once per process. */
public record Infrastructure(
        Jdbi jdbi,
        RedissonClient redis,
        JobQueue queue,
        JobCancellations cancellations,
        JobEventTopics events,
        ServiceProbe probe) {

    /**
     * PostgreSQL, Redis, the queue and the cancel signals, with their health checks, managed by the
     * lifecycle.
     */
    public static Infrastructure connect(
            PipelineConfiguration configuration, Environment environment) {
        Jdbi jdbi = new JdbiFactory().build(environment, configuration.getDatabase(), "postgresql");
        RedissonClient redis = RedisClients.create(configuration.getRedis());
        environment.lifecycle().manage(RedisClients.managed(redis));
        String prefix = configuration.getRedis().getKeyPrefix();
        JobQueue queue = new JobQueue(redis, prefix);
        ServiceGauges.queue(environment.metrics(), queue);
        ServiceProbe probe = new ServiceProbe(jdbi, redis);
        environment
                .healthChecks()
                .register("database", new ServiceHealthCheck("PostgreSQL", probe::database));
        environment.healthChecks().register("redis", new ServiceHealthCheck("Redis", probe::redis));
        return new Infrastructure(
                jdbi,
                redis,
                queue,
                new JobCancellations(redis, prefix),
                new JobEventTopics(redis, prefix, environment.getObjectMapper()),
                probe);
    }
}
