package com.partnerpipeline.app.ops;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.metrics.servlets.AdminServlet;
import io.dropwizard.metrics.servlets.HealthCheckServlet;
import io.dropwizard.metrics.servlets.MetricsServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The {@code worker} command's admin port: the same metrics, health checks, ping and thread dump as
 * the API's admin port, without the API. Dropwizard builds its servers only for {@code server}, so
 * the worker builds this one.
 */
public final class WorkerAdminServer {
    private WorkerAdminServer() {}

    public static Server create(Environment environment, String host, int port) {
        Server server = new Server(new QueuedThreadPool(8, 2, 60_000));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler admin = new ServletContextHandler();
        admin.setAttribute(MetricsServlet.METRICS_REGISTRY, environment.metrics());
        admin.setAttribute(HealthCheckServlet.HEALTH_CHECK_REGISTRY, environment.healthChecks());
        admin.addServlet(AdminServlet.class, "/*");
        server.setHandler(admin);
        return server;
    }
}
