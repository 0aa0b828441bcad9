package com.partnerpipeline.app.ops;

import com.codahale.metrics.health.HealthCheck;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The worker's health: unhealthy, with the reason, while it cannot run jobs (its queue unreadable,
 * a thread gone).
 */
public final class WorkerHealthCheck extends HealthCheck {
    private final Supplier<Optional<String>> problem;

    public WorkerHealthCheck(Supplier<Optional<String>> problem) {
        this.problem = problem;
    }

    @Override
    protected Result check() {
        return problem.get().map(Result::unhealthy).orElseGet(Result::healthy);
    }
}
