package com.partnerpipeline.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.partnerpipeline.app.dev.DevConfiguration;
import com.partnerpipeline.app.ops.AdminAccessConfiguration;
import com.partnerpipeline.app.redis.RedisConfiguration;
import com.partnerpipeline.app.resources.ApiConfiguration;
import com.partnerpipeline.app.service.SchemaLimitsConfiguration;
import com.partnerpipeline.app.upload.UploadConfiguration;
import com.partnerpipeline.app.websocket.WebSocketConfiguration;
import com.partnerpipeline.app.worker.ProcessingConfiguration;
import com.partnerpipeline.app.worker.WorkerConfiguration;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The application's configuration; every key is documented in {@code config.yml}. */
public class PipelineConfiguration extends Configuration {
    @Valid @NotNull private DataSourceFactory database = new DataSourceFactory();

    @Valid @NotNull private RedisConfiguration redis = new RedisConfiguration();

    @Valid @NotNull private ApiConfiguration api = new ApiConfiguration();

    @Valid @NotNull private UploadConfiguration uploads = new UploadConfiguration();

    @Valid @NotNull private WorkerConfiguration worker = new WorkerConfiguration();

    @Valid @NotNull private ProcessingConfiguration processing = new ProcessingConfiguration();

    @Valid @NotNull private SchemaLimitsConfiguration schemas = new SchemaLimitsConfiguration();

    @Valid @NotNull private WebSocketConfiguration webSocket = new WebSocketConfiguration();

    @Valid @NotNull private DevConfiguration dev = new DevConfiguration();

    @Valid @NotNull private AdminAccessConfiguration adminAccess = new AdminAccessConfiguration();

    @JsonProperty
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty
    public RedisConfiguration getRedis() {
        return redis;
    }

    @JsonProperty
    public void setRedis(RedisConfiguration redis) {
        this.redis = redis;
    }

    @JsonProperty
    public ApiConfiguration getApi() {
        return api;
    }

    @JsonProperty
    public void setApi(ApiConfiguration api) {
        this.api = api;
    }

    @JsonProperty
    public UploadConfiguration getUploads() {
        return uploads;
    }

    @JsonProperty
    public void setUploads(UploadConfiguration uploads) {
        this.uploads = uploads;
    }

    @JsonProperty
    public WorkerConfiguration getWorker() {
        return worker;
    }

    @JsonProperty
    public void setWorker(WorkerConfiguration worker) {
        this.worker = worker;
    }

    @JsonProperty
    public ProcessingConfiguration getProcessing() {
        return processing;
    }

    @JsonProperty
    public void setProcessing(ProcessingConfiguration processing) {
        this.processing = processing;
    }

    @JsonProperty
    public SchemaLimitsConfiguration getSchemas() {
        return schemas;
    }

    @JsonProperty
    public void setSchemas(SchemaLimitsConfiguration schemas) {
        this.schemas = schemas;
    }

    @JsonProperty
    public WebSocketConfiguration getWebSocket() {
        return webSocket;
    }

    @JsonProperty
    public void setWebSocket(WebSocketConfiguration webSocket) {
        this.webSocket = webSocket;
    }

    @JsonProperty
    public DevConfiguration getDev() {
        return dev;
    }

    @JsonProperty
    public void setDev(DevConfiguration dev) {
        this.dev = dev;
    }

    @JsonProperty
    public AdminAccessConfiguration getAdminAccess() {
        return adminAccess;
    }

    @JsonProperty
    public void setAdminAccess(AdminAccessConfiguration adminAccess) {
        this.adminAccess = adminAccess;
    }
}
