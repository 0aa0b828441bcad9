package com.partnerpipeline.app.resources;

import com.partnerpipeline.app.ops.ServiceProbe;
import com.partnerpipeline.app.upload.UploadSpace;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/health}, without authentication: 200 when PostgreSQL and Redis answer and the
 * upload disk has more free space than its reserve, else 503 naming what is wrong; 503 "shutting
 * down" once the server has begun to stop.
 */
@Path("/api/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final ServiceProbe probe;
    private final UploadSpace uploadSpace;
    private final BooleanSupplier shuttingDown;

    public HealthResource(
            ServiceProbe probe, UploadSpace uploadSpace, BooleanSupplier shuttingDown) {
        this.probe = probe;
        this.uploadSpace = uploadSpace;
        this.shuttingDown = shuttingDown;
    }

    @GET
    public Response health() {
        boolean database = probe.database();
        boolean redis = probe.redis();
        Map<String, String> services = new LinkedHashMap<>();
        services.put("database", database ? "connected" : "disconnected");
        services.put("redis", redis ? "connected" : "disconnected");
        Map<String, Object> uploads = uploads();
        boolean healthy = database && redis && "ok".equals(uploads.get("status"));
        boolean stopping = shuttingDown.getAsBoolean();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", stopping ? "shutting down" : healthy ? "healthy" : "unhealthy");
        body.put("timestamp", Instant.now().toString());
        body.put("services", services);
        body.put("uploads", uploads);
        return Response.status(healthy && !stopping ? 200 : 503).entity(body).build();
    }

    /**
     * The upload disk: "ok", "low" (below uploads.minFreeSpace) or "unavailable" (it cannot be
     * read), with its figures.
     */
    private Map<String, Object> uploads() {
        Map<String, Object> uploads = new LinkedHashMap<>();
        try {
            UploadSpace.Reading reading = uploadSpace.read();
            uploads.put("status", reading.low() ? "low" : "ok");
            uploads.put("freeBytes", reading.freeBytes());
            uploads.put("totalBytes", reading.totalBytes());
            uploads.put("minFreeBytes", reading.minFreeBytes());
        } catch (IOException e) {
            uploads.put("status", "unavailable");
        }
        return uploads;
    }
}
