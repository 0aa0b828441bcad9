package com.partnerpipeline.app;

import com.partnerpipeline.app.redis.JobCancellations;
import com.partnerpipeline.app.redis.JobEventTopics;
import com.partnerpipeline.app.redis.JobQueue;
import com.partnerpipeline.app.ops.ServiceProbe;
import org.jdbi.v3.core.Jdbi;
import org.redisson.api.RedissonClient;

/** The connections the API and the workers share, built once per process by {@link PipelineApplication}. */
public record Infrastructure(Jdbi jdbi, RedissonClient redis, JobQueue queue, JobCancellations cancellations,
                             JobEventTopics events, ServiceProbe probe) {
}
