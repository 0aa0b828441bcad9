package com.partnerpipeline.app.cli;

/** Ends a command with a given process exit code; the message, if any, has been printed already. */
public final class ExitException extends RuntimeException {
    private final int exitCode;

    public ExitException(int exitCode) {
        super("exit " + exitCode, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
