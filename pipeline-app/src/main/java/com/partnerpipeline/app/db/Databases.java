package com.partnerpipeline.app.db;

import io.dropwizard.db.DataSourceFactory;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** A plain connection for one-shot operator commands, which need no pool, metrics or lifecycle. */
public final class Databases {
    private Databases() {}

    public static Jdbi connect(DataSourceFactory database) {
        Properties properties = new Properties();
        if (database.getUser() != null) {
            properties.setProperty("user", database.getUser());
        }
        if (database.getPassword() != null && !database.getPassword().isEmpty()) {
            properties.setProperty("password", database.getPassword());
        }
        return Jdbi.create(database.getUrl(), properties).installPlugin(new SqlObjectPlugin());
    }
}
