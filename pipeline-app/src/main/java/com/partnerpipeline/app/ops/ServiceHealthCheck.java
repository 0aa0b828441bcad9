package com.partnerpipeline.app.ops;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.BooleanSupplier;

/** The admin port's health check for one service, from the same probe as {@code /api/health}. */
public final class ServiceHealthCheck extends HealthCheck {
    private final String service;
    private final BooleanSupplier probe;

    public ServiceHealthCheck(String service, BooleanSupplier probe) {
        this.service = service;
        this.probe = probe;
    }

    @Override
    protected Result check() {
        return probe.getAsBoolean()
                ? Result.healthy()
                : Result.unhealthy(service + " does not answer");
    }
}
