package com.partnerpipeline.app;

import com.partnerpipeline.app.cli.ExitException;
import com.partnerpipeline.app.cli.ProcessFileCommand;
import com.partnerpipeline.processing.offline.ExitCodes;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/** The partner data pipeline: API server, workers and operator commands in one jar. All wiring is done here. */
public class PipelineApplication extends Application<PipelineConfiguration> {
    public static void main(String[] args) throws Exception {
        new PipelineApplication().run(args);
    }

    @Override
    public String getName() {
        return "partner-pipeline";
    }

    @Override
    public void initialize(Bootstrap<PipelineConfiguration> bootstrap) {
        // ${NAME:-default} in config.yml reads the environment, so secrets and addresses never sit in the file.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new ProcessFileCommand());
    }

    @Override
    public void run(PipelineConfiguration configuration, Environment environment) {
        // The REST API, workers and health checks are wired here as they arrive.
    }

    /** Commands end with their own exit codes; anything else that escapes is "could not process" (2). */
    @Override
    protected void onFatalError(Throwable t) {
        System.exit(t instanceof ExitException exit ? exit.exitCode() : ExitCodes.NOT_PROCESSED);
    }
}
