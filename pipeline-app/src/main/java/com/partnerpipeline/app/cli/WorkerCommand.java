package com.partnerpipeline.app.cli;

import com.partnerpipeline.app.Infrastructure;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.logging.LogRedaction;
import com.partnerpipeline.app.ops.WorkerAdminServer;
import com.partnerpipeline.app.ops.WorkerHealthCheck;
import com.partnerpipeline.app.worker.JobMetrics;
import com.partnerpipeline.app.worker.JobRunner;
import com.partnerpipeline.app.worker.Worker;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code worker config.yml}: takes jobs from the queue until SIGTERM or SIGINT, then finishes the
 * current batches, hands the jobs back and disconnects; a second signal, or {@code
 * worker.shutdownTimeout}, ends it sooner. It wires only what a worker needs (the database, Redis,
 * the runner and its admin port), none of the API. Dropwizard starts managed objects only for
 * {@code server}, so this command starts and stops them itself.
 */
public final class WorkerCommand extends ConfiguredCommand<PipelineConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

    public WorkerCommand() {
        super("worker", "Process queued jobs until stopped (SIGTERM/SIGINT stop it gracefully)");
    }

    @Override
    protected void run(
            Bootstrap<PipelineConfiguration> bootstrap,
            Namespace namespace,
            PipelineConfiguration configuration)
            throws Exception {
        Environment environment =
                new Environment(
                        bootstrap.getApplication().getName(),
                        bootstrap.getObjectMapper(),
                        bootstrap.getValidatorFactory(),
                        bootstrap.getMetricRegistry(),
                        bootstrap.getClassLoader(),
                        bootstrap.getHealthCheckRegistry(),
                        configuration);
        configuration
                .getMetricsFactory()
                .configure(environment.lifecycle(), bootstrap.getMetricRegistry());
        bootstrap.run(configuration, environment);
        LogRedaction.install(environment);
        Infrastructure infrastructure = Infrastructure.connect(configuration, environment);

        int adminPort = configuration.getWorker().getAdminPort();
        String adminHost = configuration.getWorker().getAdminHost();
        if (adminPort != 0) { // stopped after the worker: its metrics show the drain
            Ports.requireFree(
                    "worker admin",
                    adminHost,
                    adminPort,
                    "worker.adminPort (WORKER_ADMIN_PORT), or 0 to turn it off");
            environment
                    .lifecycle()
                    .manage(WorkerAdminServer.create(environment, adminHost, adminPort));
        }
        environment.lifecycle().manage(newWorker(infrastructure, configuration, environment));

        List<LifeCycle> managed = new ArrayList<>(environment.lifecycle().getManagedObjects());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> stopInReverse(managed, stopped), "worker-shutdown"));
        onSignals();
        for (LifeCycle lifeCycle : managed) {
            lifeCycle.start();
        }
        stopped.await();
    }

    /**
     * The worker first, so it finishes its batches and hands its jobs back; the connections last.
     */
    private static void stopInReverse(List<LifeCycle> managed, CountDownLatch stopped) {
        LOG.info("Stopping: finishing current batches and handing jobs back");
        List<LifeCycle> reversed = new ArrayList<>(managed);
        Collections.reverse(reversed);
        for (LifeCycle lifeCycle : reversed) {
            try {
                lifeCycle.stop();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", lifeCycle, e.getMessage());
            }
        }
        stopped.countDown();
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        OperatorCommand.printError(cli, e);
    }

    /** A worker on this process's connections; whoever manages it starts and stops it. */
    static Worker newWorker(
            Infrastructure infrastructure,
            PipelineConfiguration configuration,
            Environment environment) {
        String workerId = workerId();
        JobRunner runner =
                new JobRunner(
                        infrastructure.jdbi(),
                        infrastructure.cancellations(),
                        infrastructure.events(),
                        new JobMetrics(environment.metrics()),
                        workerId,
                        configuration.getProcessing(),
                        configuration.getWorker(),
                        configuration.getSchemas().toLimits());
        Worker worker =
                new Worker(
                        infrastructure.queue(),
                        infrastructure.cancellations(),
                        runner,
                        infrastructure.jdbi(),
                        configuration.getWorker(),
                        configuration.getUploads(),
                        workerId);
        environment.healthChecks().register("worker", new WorkerHealthCheck(worker::problem));
        return worker;
    }

    /**
     * The first SIGTERM or SIGINT starts the graceful stop (through the shutdown hook); a second
     * one ends the process at once, for an operator who will not wait.
     */
    private static void onSignals() {
        AtomicBoolean signalled = new AtomicBoolean();
        SignalHandler handler =
                signal -> {
                    if (signalled.compareAndSet(false, true)) {
                        new Thread(() -> System.exit(0), "graceful-exit").start();
                    } else {
                        LOG.warn(
                                "Second {}: exiting without waiting for the jobs",
                                signal.getName());
                        Runtime.getRuntime().halt(130);
                    }
                };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }

    private static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "worker";
        }
        return host
                + "-"
                + ManagementFactory.getRuntimeMXBean().getPid()
                + "-"
                + UUID.randomUUID().toString().substring(0, 4);
    }
}
