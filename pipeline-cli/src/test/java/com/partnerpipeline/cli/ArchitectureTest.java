package com.partnerpipeline.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The partner CLI is a thin client: commands on top, the HTTP and WebSocket client and the output
 * below them, exit statuses under both; no package cycles; and nothing of the server, only the
 * engine for offline validation.
 */
class ArchitectureTest {
    private static final String CLI = "com.partnerpipeline.cli";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(CLI);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(CLI + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theClientAndTheOutputKnowNoCommand() {
        noClasses()
                .that()
                .resideInAnyPackage(CLI + ".client..", CLI + ".output..", CLI + ".exit..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(CLI)
                .check(classes);
    }

    @Test
    void exitStatusesKnowNothingElseOfTheCli() {
        noClasses()
                .that()
                .resideInAPackage(CLI + ".exit..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(CLI, CLI + ".client..", CLI + ".output..")
                .check(classes);
    }

    @Test
    void theCliUsesNothingOfTheServer() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.partnerpipeline.app..",
                        "io.dropwizard..",
                        "org.jdbi..",
                        "org.redisson..")
                .check(classes);
    }
}
