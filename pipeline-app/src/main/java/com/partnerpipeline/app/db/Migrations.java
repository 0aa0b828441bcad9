package com.partnerpipeline.app.db;

import java.sql.Connection;
import java.util.Map;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ui.LoggerUIService;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies {@code migrations.xml} in-process, as {@code db migrate config.yml} does, for dev mode's
 * own database.
 */
public final class Migrations {
    private static final String CHANGELOG = "migrations.xml";

    private Migrations() {}

    public static void apply(Jdbi jdbi) {
        jdbi.useHandle(
                handle -> {
                    Connection connection = handle.getConnection();
                    try {
                        Database database =
                                DatabaseFactory.getInstance()
                                        .findCorrectDatabaseImplementation(
                                                new JdbcConnection(connection));
                        CommandScope update =
                                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                                        .addArgumentValue(
                                                DbUrlConnectionArgumentsCommandStep.DATABASE_ARG,
                                                database)
                                        .addArgumentValue(
                                                UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                                        .addArgumentValue(
                                                ShowSummaryArgument.SHOW_SUMMARY_OUTPUT,
                                                UpdateSummaryOutputEnum.LOG);
                        // Liquibase's progress goes to the log, not straight to the console
                        Scope.child(
                                Map.of(Scope.Attr.ui.name(), new LoggerUIService()),
                                () -> update.execute());
                        if (!connection.getAutoCommit()) { // Liquibase leaves the connection in a
                            // transaction
                            connection.commit();
                            connection.setAutoCommit(true);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(
                                "database migration failed: " + e.getMessage(), e);
                    }
                });
    }
}
