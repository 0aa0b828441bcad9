package com.partnerpipeline.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout of {@code pipeline-app}: packages by concern, lower layers never importing upper ones, no cycles. The
 * only allowed cycle is Dropwizard's, between the {@code Application} (root package) and its commands.
 */
class ArchitectureTest {
    private static final String APP = "com.partnerpipeline.app";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(APP);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(APP + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void lowerLayersNeverImportTheApiOrItsTransports() {
        noClasses().that().resideInAnyPackage(APP + ".domain..", APP + ".db..", APP + ".redis..", APP + ".upload..")
                .should().dependOnClassesThat().resideInAnyPackage(APP + ".api..", APP + ".resources..",
                        APP + ".websocket..", APP + ".auth..", APP + ".cli..", APP + ".dev..", APP + ".service..",
                        APP + ".worker..")
                .check(classes);
    }
}
