package com.partnerpipeline.cli.exit;

/**
 * Exit codes of {@code pipeline}, the same for every command and documented in the README and in
 * {@code --help}.
 */
public final class ExitStatus {
    /** Done; a job completed with no rejected records. */
    public static final int OK = 0;

    /** A job completed, or a file was validated, with rejected records. */
    public static final int REJECTED_RECORDS = 1;

    /** A job failed or was cancelled; a file could not be validated. */
    public static final int JOB_FAILED = 2;

    /**
     * The server refused the request: unknown job or schema, a job in the wrong state, an invalid
     * schema or file.
     */
    public static final int REFUSED = 3;

    /** Bad usage: an unknown option, a missing argument. */
    public static final int USAGE = 64;

    /** A local file is missing or unreadable. */
    public static final int NO_INPUT = 66;

    /** The server is unreachable, or answered with a server-side error. */
    public static final int UNAVAILABLE = 69;

    /** The API key is missing or was refused. */
    public static final int AUTH = 77;

    /** An unexpected failure inside the CLI: a bug to report. */
    public static final int BUG = 70;

    private ExitStatus() {}
}
