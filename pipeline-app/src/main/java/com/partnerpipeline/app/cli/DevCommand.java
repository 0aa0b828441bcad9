package com.partnerpipeline.app.cli;

import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.db.Databases;
import com.partnerpipeline.app.db.Migrations;
import com.partnerpipeline.app.dev.DataDirectory;
import com.partnerpipeline.app.dev.DemoPartner;
import com.partnerpipeline.app.dev.DevConfiguration;
import com.partnerpipeline.app.dev.EmbeddedServices;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code dev [config.yml] [--fresh] [--data-dir DIR] [--port N] [--admin-port N]}: the whole system
 * in one process, for a laptop with only a JDK: an embedded PostgreSQL and Redis, the migrations, a
 * demo partner with the sample schema, the API server and a worker. Without a config file it reads
 * {@code dev.yml} from the jar. Not for production.
 */
public final class DevCommand extends ServerCommand<PipelineConfiguration> {
    private static final String DEFAULT_CONFIG = "dev.yml";

    private final PipelineApplication application;
    // set up by the first run() for the second, which Dropwizard calls once the environment exists
    private DataDirectory directory;
    private EmbeddedServices services;
    private DemoPartner demo;

    public DevCommand(PipelineApplication application) {
        super(
                application,
                "dev",
                "Run everything on this machine: embedded PostgreSQL and Redis, the API and a worker");
        this.application = application;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser
                .addArgument("--fresh")
                .action(Arguments.storeTrue())
                .help("start empty: forget the jobs, schemas, partners and files of earlier runs");
        subparser
                .addArgument("--data-dir")
                .dest("dataDir")
                .help(
                        "where PostgreSQL, Redis and the uploads keep their data (default: dev.dataDirectory, data/dev)");
        subparser.addArgument("--port").type(Integer.class).help("the API's port (default 8080)");
        subparser
                .addArgument("--admin-port")
                .dest("adminPort")
                .type(Integer.class)
                .help("the admin port: metrics and health checks (default 8081)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        if (namespace.getString("file") == null) {
            bootstrap.setConfigurationSourceProvider(
                    new SubstitutingSourceProvider(
                            new ResourceConfigurationSourceProvider(),
                            new EnvironmentVariableSubstitutor(false)));
            Map<String, Object> withConfig = new HashMap<>(namespace.getAttrs());
            withConfig.put("file", DEFAULT_CONFIG);
            namespace = new Namespace(withConfig);
        }
        super.run(bootstrap, namespace);
    }

    @Override
    protected void run(
            Bootstrap<PipelineConfiguration> bootstrap,
            Namespace namespace,
            PipelineConfiguration configuration)
            throws Exception {
        DevConfiguration dev = configuration.getDev();
        choosePorts(configuration, namespace.getInt("port"), namespace.getInt("adminPort"));
        Ports.requireFree(
                "PostgreSQL", null, dev.getPostgresPort(), "dev.postgresPort in a config file");
        Ports.requireFree("Redis", null, dev.getRedisPort(), "dev.redisPort in a config file");

        directory =
                DataDirectory.lock(
                        Path.of(
                                Objects.requireNonNullElse(
                                        namespace.getString("dataDir"), dev.getDataDirectory())));
        try {
            if (Boolean.TRUE.equals(namespace.getBoolean("fresh"))) {
                directory.clear();
            }
            services =
                    EmbeddedServices.start(
                            directory.path(), true, dev.getPostgresPort(), dev.getRedisPort());
            useEmbeddedServices(configuration);
            Jdbi jdbi = Databases.connect(configuration.getDatabase());
            Migrations.apply(jdbi);
            demo =
                    DemoPartner.ensure(
                            jdbi,
                            directory.path(),
                            bootstrap.getObjectMapper(),
                            configuration.getSchemas().toLimits());
            super.run(
                    bootstrap,
                    namespace,
                    configuration); // builds the application, then calls run(environment, ...)
        } catch (Exception e) {
            stopServices();
            throw e;
        }
    }

    @Override
    protected void run(
            Environment environment, Namespace namespace, PipelineConfiguration configuration)
            throws Exception {
        environment
                .lifecycle()
                .manage(
                        WorkerCommand.newWorker(
                                application.infrastructure(), configuration, environment));
        environment
                .lifecycle()
                .addServerLifecycleListener(
                        new DevBanner(
                                directory.path(),
                                services,
                                demo,
                                DemoPartner.sampleFile(directory.path())));
        environment
                .lifecycle()
                .addEventListener(
                        new LifeCycle.Listener() {
                            @Override
                            public void lifeCycleStopped(LifeCycle server) {
                                stopServices(); // after the worker has handed its jobs back and the
                                // connections are closed
                            }
                        });
        super.run(environment, namespace, configuration);
    }

    /** Whatever the config says: dev mode's data is in its own services and directory. */
    private void useEmbeddedServices(PipelineConfiguration configuration) {
        configuration.getDatabase().setUrl(services.jdbcUrl(EmbeddedServices.DATABASE));
        configuration.getDatabase().setUser(EmbeddedServices.USER);
        configuration.getDatabase().setPassword("");
        configuration.getRedis().setAddress(services.redisUrl());
        configuration.getRedis().setPassword(null);
        configuration.getUploads().setDirectory(directory.uploads().toString());
    }

    private static void choosePorts(
            PipelineConfiguration configuration, Integer port, Integer adminPort) {
        if (!(configuration.getServerFactory() instanceof DefaultServerFactory server)
                || !(server.getApplicationConnectors().get(0) instanceof HttpConnectorFactory api)
                || !(server.getAdminConnectors().get(0) instanceof HttpConnectorFactory admin)) {
            throw new IllegalArgumentException(
                    "dev mode needs server.type default with HTTP connectors");
        }
        if (port != null) {
            api.setPort(port);
        }
        if (adminPort != null) {
            admin.setPort(adminPort);
        }
        Ports.requireFree("API", api.getBindHost(), api.getPort(), "--port");
        Ports.requireFree("admin", admin.getBindHost(), admin.getPort(), "--admin-port");
    }

    private synchronized void stopServices() {
        try {
            if (services != null) {
                services.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException e) {
            System.err.println("warning: stopping the embedded services: " + e.getMessage());
        } finally {
            services = null;
            directory = null;
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        OperatorCommand.printError(cli, e);
    }
}
