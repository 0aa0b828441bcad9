package com.partnerpipeline.app.cli;

import com.partnerpipeline.app.PipelineConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** An operator command reading config.yml: a failure is one line, {@code error: ...}, and exit code 2. */
abstract class OperatorCommand extends ConfiguredCommand<PipelineConfiguration> {
    OperatorCommand(String name, String description) {
        super(name, description);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        printError(cli, e);
    }

    /** The first message in the chain of causes, as one line: no stack trace for an operator's mistake. */
    static void printError(Cli cli, Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        cli.getStdErr().println("error: " + cause.getMessage());
    }
}
