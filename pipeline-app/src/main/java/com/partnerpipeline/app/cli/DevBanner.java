package com.partnerpipeline.app.cli;

import com.partnerpipeline.app.dev.DemoPartner;
import com.partnerpipeline.app.dev.EmbeddedServices;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;

/**
 * What dev mode prints once it is up: where everything is, the demo key, and a command to paste.
 */
final class DevBanner implements ServerLifecycleListener {
    private static final Path CLI_JAR = Path.of("pipeline-cli", "target", "pipeline.jar");

    private final Path dataDirectory;
    private final EmbeddedServices services;
    private final DemoPartner demo;
    private final Path sampleFile;

    DevBanner(Path dataDirectory, EmbeddedServices services, DemoPartner demo, Path sampleFile) {
        this.dataDirectory = dataDirectory;
        this.services = services;
        this.demo = demo;
        this.sampleFile = sampleFile;
    }

    @Override
    public void serverStarted(Server server) {
        String api = "http://localhost:" + getLocalPort(server);
        String cli =
                "java -jar " + (Files.isRegularFile(CLI_JAR) ? CLI_JAR : Path.of("pipeline.jar"));
        System.out.println(
                String.join(
                        System.lineSeparator(),
                        "",
                        "Partner pipeline is running in dev mode (data in "
                                + dataDirectory.toAbsolutePath().normalize()
                                + ").",
                        "  API          "
                                + api
                                + "/api   (live progress: ws://localhost:"
                                + getLocalPort(server)
                                + "/ws/jobs/{id})",
                        "  Admin        http://localhost:"
                                + getAdminPort(server)
                                + "/   (metrics, health checks)",
                        "  PostgreSQL   "
                                + services.jdbcUrl(EmbeddedServices.DATABASE)
                                + "   (user "
                                + EmbeddedServices.USER
                                + ")",
                        "  Redis        " + services.redisUrl(),
                        "  Partner      Demo partner, id " + demo.partnerId(),
                        "  API key      " + demo.apiKey(),
                        "  Schema       "
                                + demo.schema().name()
                                + " version "
                                + demo.schema().version()
                                + ", id "
                                + demo.schema().id(),
                        "",
                        "Upload the sample and watch it being processed:",
                        "  export PIPELINE_URL=" + api + " PIPELINE_API_KEY=" + demo.apiKey(),
                        "  "
                                + cli
                                + " upload "
                                + sampleFile
                                + " --schema "
                                + demo.schema().id()
                                + " --follow",
                        "",
                        "Ctrl+C stops everything; the data stays for the next start (dev --fresh starts empty).",
                        ""));
    }
}
