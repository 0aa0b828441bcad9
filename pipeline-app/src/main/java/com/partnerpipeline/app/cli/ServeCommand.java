package com.partnerpipeline.app.cli;

import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * Dropwizard's {@code server}, whose configuration errors are one line each, as every other
 * command's are, rather than a stack trace: they are the operator's to fix. Anything else that
 * stops the server keeps its stack trace.
 */
public final class ServeCommand extends ServerCommand<PipelineConfiguration> {
    public ServeCommand(PipelineApplication application) {
        super(application);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof ConfigurationException) {
            OperatorCommand.printError(cli, e);
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
