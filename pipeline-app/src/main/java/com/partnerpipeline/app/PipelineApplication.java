package com.partnerpipeline.app;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import com.partnerpipeline.app.auth.ApiKeyAuthFilter;
import com.partnerpipeline.app.auth.ApiKeyAuthenticator;
import com.partnerpipeline.app.auth.FailedKeyLimiter;
import com.partnerpipeline.app.cli.DevCommand;
import com.partnerpipeline.app.cli.ExitException;
import com.partnerpipeline.app.cli.PartnerCommand;
import com.partnerpipeline.app.cli.ProcessFileCommand;
import com.partnerpipeline.app.cli.SchemaCommand;
import com.partnerpipeline.app.cli.ServeCommand;
import com.partnerpipeline.app.cli.WorkerCommand;
import com.partnerpipeline.app.db.ErrorExport;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.db.PartnerDao;
import com.partnerpipeline.app.db.ProcessingErrorDao;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.domain.Partner;
import com.partnerpipeline.app.logging.LogRedaction;
import com.partnerpipeline.app.ops.AdminTaskGuard;
import com.partnerpipeline.app.ops.ServiceGauges;
import com.partnerpipeline.app.redis.BackgroundEnqueuer;
import com.partnerpipeline.app.resources.ApiConfiguration;
import com.partnerpipeline.app.resources.ClientInput;
import com.partnerpipeline.app.resources.ErrorResponseMappers;
import com.partnerpipeline.app.resources.HealthResource;
import com.partnerpipeline.app.resources.JobResource;
import com.partnerpipeline.app.resources.JsonErrorHandler;
import com.partnerpipeline.app.resources.PartnerResource;
import com.partnerpipeline.app.resources.RequestBodyLimit;
import com.partnerpipeline.app.resources.SchemaResource;
import com.partnerpipeline.app.resources.ShutdownDrain;
import com.partnerpipeline.app.resources.UploadResource;
import com.partnerpipeline.app.service.JobService;
import com.partnerpipeline.app.service.SchemaRegistry;
import com.partnerpipeline.app.upload.UploadMetrics;
import com.partnerpipeline.app.upload.UploadSpace;
import com.partnerpipeline.app.upload.UploadStore;
import com.partnerpipeline.app.upload.UploadsInFlight;
import com.partnerpipeline.app.websocket.JobSocketCreator;
import com.partnerpipeline.app.websocket.JobSocketHub;
import com.partnerpipeline.app.websocket.WebSocketConfiguration;
import com.partnerpipeline.processing.offline.ExitCodes;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.CachingAuthenticator;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.migrations.MigrationsBundle;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.util.component.LifeCycle;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The partner data pipeline: API server, workers and operator commands in one jar. All wiring is
 * done here.
 */
public class PipelineApplication extends Application<PipelineConfiguration> {
    private Infrastructure infrastructure;

    public static void main(String[] args) throws Exception {
        new PipelineApplication().run(args);
    }

    @Override
    public String getName() {
        return "partner-pipeline";
    }

    @Override
    public void initialize(Bootstrap<PipelineConfiguration> bootstrap) {
        // ${NAME:-default} in config.yml reads the environment, so secrets and addresses never sit
        // in the file.
        bootstrap.setConfigurationSourceProvider(
                new SubstitutingSourceProvider(
                        bootstrap.getConfigurationSourceProvider(),
                        new EnvironmentVariableSubstitutor(false)));
        bootstrap
                .getObjectMapper()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS); // ISO-8601 text
        bootstrap.addBundle(
                new MigrationsBundle<>() {
                    @Override
                    public DataSourceFactory getDataSourceFactory(
                            PipelineConfiguration configuration) {
                        return configuration.getDatabase();
                    }
                });
        bootstrap.addCommand(new ProcessFileCommand());
        bootstrap.addCommand(new WorkerCommand());
        bootstrap.addCommand(new PartnerCommand());
        bootstrap.addCommand(new SchemaCommand());
        bootstrap.addCommand(new DevCommand(this));
    }

    /** Dropwizard's, with {@code server} printing configuration errors in one line each. */
    @Override
    protected void addDefaultCommands(Bootstrap<PipelineConfiguration> bootstrap) {
        bootstrap.addCommand(new ServeCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void run(PipelineConfiguration configuration, Environment environment) {
        LogRedaction.install(
                environment); // first: the server, the worker and dev mode all log from here on
        infrastructure = Infrastructure.connect(configuration, environment);
        JobDao jobs = infrastructure.jdbi().onDemand(JobDao.class);
        SchemaDao schemas = infrastructure.jdbi().onDemand(SchemaDao.class);

        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(
                    false); // ours answer {"error": ...} for everything
        }
        // Location: /api/jobs/{id} as given, not made absolute against whatever host name the
        // client used
        environment
                .jersey()
                .property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        environment.jersey().register(new ErrorResponseMappers.WebApplication());
        environment.jersey().register(new ErrorResponseMappers.Refused());
        environment.jersey().register(new ErrorResponseMappers.JsonProcessing());
        environment.jersey().register(new ErrorResponseMappers.Unexpected());
        environment.jersey().register(new ErrorResponseMappers.Io());
        environment
                .lifecycle()
                .addEventListener(JsonErrorHandler.installer(environment.getObjectMapper()));
        AdminTaskGuard.install(environment.admin(), configuration.getAdminAccess());

        ApiConfiguration api = configuration.getApi();
        // a known key is looked up once a minute, not on every request: a flood of requests costs
        // the database nothing
        Authenticator<String, Partner> authenticator =
                new CachingAuthenticator<>(
                        environment.metrics(),
                        new ApiKeyAuthenticator(infrastructure.jdbi().onDemand(PartnerDao.class)),
                        CaffeineSpec.parse("maximumSize=10000,expireAfterWrite=60s"));
        FailedKeyLimiter failedKeys =
                new FailedKeyLimiter(
                        api.getMaxFailedKeys(),
                        api.getFailedKeyWindow().toJavaDuration(),
                        Clock.systemUTC());
        environment
                .jersey()
                .register(
                        new ApiKeyAuthFilter.Builder(failedKeys)
                                .setAuthenticator(authenticator)
                                .buildAuthFilter());
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(Partner.class));

        UploadSpace uploadSpace = infrastructure.uploadSpace();
        UploadStore uploads =
                new UploadStore(
                        configuration.getUploads().directoryPath(),
                        configuration.getUploads().getMaxFileSize().toBytes(),
                        uploadSpace);
        ClientInput.Limits bodyLimits =
                new ClientInput.Limits(
                        api.getMinDataRate().toBytes(), api.getDataRateWindow().toJavaDuration());
        environment
                .jersey()
                .register(new RequestBodyLimit(api.getMaxBodySize().toBytes(), bodyLimits));
        UploadsInFlight inFlight =
                new UploadsInFlight(
                        configuration.getUploads().getMaxConcurrent(),
                        configuration.getUploads().getMaxConcurrentPerPartner());
        ServiceGauges.uploadsReceiving(environment.metrics(), inFlight::size);
        ShutdownDrain drain = new ShutdownDrain(inFlight);
        BackgroundEnqueuer enqueuer =
                new BackgroundEnqueuer(
                        infrastructure.queue(),
                        environment
                                .lifecycle()
                                .executorService("enqueue-%d")
                                .minThreads(1)
                                .maxThreads(1)
                                .workQueue(new ArrayBlockingQueue<>(10_000))
                                .rejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy())
                                .build());
        JobService jobService =
                new JobService(
                        jobs,
                        schemas,
                        enqueuer,
                        infrastructure.cancellations(),
                        infrastructure.events());
        environment
                .jersey()
                .register(
                        new UploadResource(
                                uploads,
                                jobService,
                                new UploadMetrics(environment.metrics()),
                                inFlight,
                                bodyLimits));
        environment
                .jersey()
                .register(
                        new JobResource(
                                jobService,
                                jobs,
                                schemas,
                                infrastructure.jdbi().onDemand(ProcessingErrorDao.class),
                                new ErrorExport(infrastructure.jdbi())));
        environment
                .jersey()
                .register(
                        new SchemaResource(
                                new SchemaRegistry(
                                        schemas,
                                        environment.getObjectMapper(),
                                        configuration.getSchemas().toLimits()),
                                schemas,
                                environment.getObjectMapper()));
        environment
                .jersey()
                .register(new HealthResource(infrastructure.probe(), uploadSpace, drain::begun));
        environment.jersey().register(new PartnerResource());

        JobSocketHub hub =
                new JobSocketHub(
                        infrastructure.events(),
                        jobs,
                        environment.getObjectMapper(),
                        configuration.getWebSocket());
        registerJobSockets(
                environment,
                configuration.getWebSocket(),
                new JobSocketCreator(authenticator, failedKeys, jobs, hub));
        ServiceGauges.webSocketSessions(environment.metrics(), hub::sessions);
        environment.lifecycle().addServerLifecycleListener(server -> hub.start());
        environment
                .lifecycle()
                .addEventListener(
                        new LifeCycle.Listener() {
                            @Override
                            public void lifeCycleStopping(LifeCycle server) {
                                hub.stop(); // before the connectors close, so the 1001 close
                                // frames still go out
                            }
                        });
        environment
                .lifecycle()
                .addEventListener(
                        drain); // after the hub: sockets are closed at once, uploads drained
    }

    /**
     * {@code /ws/jobs/{jobId}} on the API's port, through Jetty's own WebSocket support (Dropwizard
     * has none).
     */
    private static void registerJobSockets(
            Environment environment, WebSocketConfiguration config, JobSocketCreator creator) {
        JettyWebSocketServletContainerInitializer.configure(
                environment.getApplicationContext(),
                (context, container) -> {
                    container.setIdleTimeout(config.getIdleTimeout().toJavaDuration());
                    container.setMaxOutgoingFrames(config.getMaxQueuedMessages());
                    container.setMaxTextMessageSize(64 * 1024); // clients have nothing to send
                    container.addMapping("uri-template|/ws/jobs/{jobId}", creator);
                });
    }

    /** What {@link #run} built: dev mode runs a worker on the API's connections. */
    public Infrastructure infrastructure() {
        return infrastructure;
    }

    /**
     * Commands end with their own exit codes; anything else that escapes is "could not process"
     * (2).
     */
    @Override
    protected void onFatalError(Throwable t) {
        System.exit(t instanceof ExitException exit ? exit.exitCode() : ExitCodes.NOT_PROCESSED);
    }
}
