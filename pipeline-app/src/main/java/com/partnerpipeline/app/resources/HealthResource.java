package com.partnerpipeline.app.resources;

import com.partnerpipeline.app.health.ServiceProbe;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/health}, without authentication: 200 when PostgreSQL and Redis answer, else 503 naming the one that does not. */
@Path("/api/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final ServiceProbe probe;

    public HealthResource(ServiceProbe probe) {
        this.probe = probe;
    }

    @GET
    public Response health() {
        boolean database = probe.database();
        boolean redis = probe.redis();
        Map<String, String> services = new LinkedHashMap<>();
        services.put("database", database ? "connected" : "disconnected");
        services.put("redis", redis ? "connected" : "disconnected");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", database && redis ? "healthy" : "unhealthy");
        body.put("timestamp", Instant.now().toString());
        body.put("services", services);
        return Response.status(database && redis ? 200 : 503).entity(body).build();
    }
}
