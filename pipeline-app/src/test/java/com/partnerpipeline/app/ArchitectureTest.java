package com.partnerpipeline.app;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of {@code pipeline-app}, by concern, from the bottom up: the domain; the adapters to
 * PostgreSQL and Redis and the upload store; the worker and the rules (service) built on them;
 * operations (health, gauges, admin ports); the HTTP API and its WebSocket; the commands and dev
 * mode; the {@code Application} that wires it all. A layer uses only layers below it, and no
 * packages import each other in a circle, except the one cycle Dropwizard imposes between the
 * {@code Application} (the root package) and its commands.
 */
class ArchitectureTest {
    private static final String APP = "com.partnerpipeline.app";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(APP);
    }

    @Test
    void appPackagesHaveNoCycles() {
        slices().matching(APP + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void layersUseOnlyTheLayersBelowThem() {
        Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Domain")
                .definedBy(APP + ".domain..")
                .layer("Adapters")
                .definedBy(APP + ".db..", APP + ".redis..", APP + ".upload..")
                .layer("Worker")
                .definedBy(APP + ".worker..")
                .layer("Service")
                .definedBy(APP + ".service..")
                .layer("Ops")
                .definedBy(APP + ".ops..")
                .layer("Api")
                .definedBy(APP + ".api..")
                .layer("Web")
                .definedBy(APP + ".resources..", APP + ".auth..", APP + ".websocket..")
                .layer("Commands")
                .definedBy(APP + ".cli..", APP + ".dev..")
                .layer("Logging")
                .definedBy(APP + ".logging..")
                .layer("Application")
                .definedBy(APP)
                .whereLayer("Application")
                .mayOnlyBeAccessedByLayers("Commands")
                .whereLayer("Commands")
                .mayOnlyBeAccessedByLayers("Application")
                .whereLayer("Logging")
                .mayOnlyBeAccessedByLayers("Commands", "Application")
                .whereLayer("Web")
                .mayOnlyBeAccessedByLayers("Application")
                .whereLayer("Api")
                .mayOnlyBeAccessedByLayers("Web", "Ops", "Application")
                .whereLayer("Ops")
                .mayOnlyBeAccessedByLayers("Web", "Commands", "Application")
                .whereLayer("Service")
                .mayOnlyBeAccessedByLayers("Web", "Commands", "Application")
                .whereLayer("Worker")
                .mayOnlyBeAccessedByLayers("Ops", "Commands", "Application")
                .whereLayer("Adapters")
                .mayOnlyBeAccessedByLayers(
                        "Worker", "Service", "Ops", "Web", "Commands", "Application")
                .check(classes);
    }
}
