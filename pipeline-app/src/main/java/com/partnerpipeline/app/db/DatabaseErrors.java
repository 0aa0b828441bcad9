package com.partnerpipeline.app.db;

import java.sql.SQLException;

/** Which database failures are worth waiting out, by SQL state. */
public final class DatabaseErrors {
    private DatabaseErrors() {
    }

    /** The database could not be reached: 08 (connection exception), 57 (operator intervention, a restart). */
    public static boolean isUnavailable(Throwable e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("08") || state.startsWith("57"));
    }

    /** Worth retrying: unavailable, or a deadlock or serialization failure (40). Data errors are not. */
    public static boolean isTransient(Throwable e) {
        String state = sqlState(e);
        return isUnavailable(e) || (state != null && state.startsWith("40"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
