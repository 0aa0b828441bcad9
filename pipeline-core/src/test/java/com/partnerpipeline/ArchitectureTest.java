package com.partnerpipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine: one package per stage (formats, schema, validation, transform, processing), no
 * package cycles, and no framework: it runs the same in the server, the worker, the operator's
 * {@code process-file} and the partner's CLI.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.partnerpipeline");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("com.partnerpipeline.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theEngineUsesNoFramework() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.dropwizard..",
                        "jakarta.ws..",
                        "org.eclipse.jetty..",
                        "org.jdbi..",
                        "org.redisson..",
                        "org.postgresql..",
                        "picocli..")
                .check(classes);
    }
}
