package com.partnerpipeline.app;

import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.ops.ServiceGauges;
import com.partnerpipeline.app.ops.ServiceHealthCheck;
import com.partnerpipeline.app.ops.ServiceProbe;
import com.partnerpipeline.app.ops.UploadSpaceHealthCheck;
import com.partnerpipeline.app.redis.JobCancellations;
import com.partnerpipeline.app.redis.JobEventTopics;
import com.partnerpipeline.app.redis.JobQueue;
import com.partnerpipeline.app.redis.RedisClients;
import com.partnerpipeline.app.upload.UploadSpace;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;
import org.redisson.api.RedissonClient;

/** What the API and the workers share, built once per process. */
public record Infrastructure(
        Jdbi jdbi,
        RedissonClient redis,
        JobQueue queue,
        JobCancellations cancellations,
        JobEventTopics events,
        ServiceProbe probe,
        UploadSpace uploadSpace) {

    /**
     * PostgreSQL, Redis, the queue, the cancel signals and the uploads volume, with their health
     * checks and gauges (on the API's admin port and a worker's alike), managed by the lifecycle.
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
        UploadSpace uploadSpace =
                new UploadSpace(
                        configuration.getUploads().directoryPath(),
                        configuration.getUploads().getMinFreeSpace().toBytes());
        environment.healthChecks().register("uploads", new UploadSpaceHealthCheck(uploadSpace));
        ServiceGauges.jobs(environment.metrics(), jdbi.onDemand(JobDao.class));
        return new Infrastructure(
                jdbi,
                redis,
                queue,
                new JobCancellations(redis, prefix),
                new JobEventTopics(redis, prefix, environment.getObjectMapper()),
                probe,
                uploadSpace);
    }
}
