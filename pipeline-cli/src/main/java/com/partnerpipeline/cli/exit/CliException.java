package com.partnerpipeline.cli.exit;

/**
 * A failure the user can act on: its message is printed as is, without a stack trace, and the CLI
 * exits with its code.
 */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
