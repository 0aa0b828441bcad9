package com.partnerpipeline.app.db;

import java.sql.SQLException;

/** Which database failures are worth waiting out, by SQL state. */
public final class DatabaseErrors {
    private DatabaseErrors() {}

    /**
     * The database could not be reached: 08 (connection exception), 57 (operator intervention, a
     * restart).
     */
    public static boolean isUnavailable(Throwable e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("08") || state.startsWith("57"));
    }

    /**
     * Worth retrying: unavailable, a deadlock or serialization failure (40), or a lock not granted
     * in time (55P03, the lock timeout a writer sets so it never waits on a stale holder for ever).
     * Data errors are not.
     */
    public static boolean isTransient(Throwable e) {
        String state = sqlState(e);
        return isUnavailable(e)
                || (state != null && (state.startsWith("40") || state.equals("55P03")));
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
