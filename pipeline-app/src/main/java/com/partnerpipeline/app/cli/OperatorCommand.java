package com.partnerpipeline.app.cli;

import com.partnerpipeline.app.PipelineConfiguration;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.validation.ConstraintViolations;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * An operator command reading config.yml: a failure is one line, {@code error: ...}, and exit code
 * 2.
 */
abstract class OperatorCommand extends ConfiguredCommand<PipelineConfiguration> {
    OperatorCommand(String name, String description) {
        super(name, description);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        printError(cli, e);
    }

    /**
     * The first message in the chain of causes: no stack trace for an operator's mistake. A
     * configuration that fails validation gives one line per problem, {@code error: config.yml:
     * redis.address has ...}.
     */
    static void printError(Cli cli, Throwable e) {
        if (e instanceof ConfigurationValidationException invalid) {
            String message = String.valueOf(invalid.getMessage());
            String file =
                    message.contains(" has ")
                            ? message.substring(0, message.indexOf(" has "))
                            : "configuration";
            ConstraintViolations.formatUntyped(invalid.getConstraintViolations()).stream()
                    .sorted()
                    .forEach(problem -> cli.getStdErr().println("error: " + file + ": " + problem));
            return;
        }
        Throwable cause = e;
        while (cause.getCause() != null && saysNothingOfItsOwn(cause)) {
            cause = cause.getCause();
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause().getMessage() != null) {
            root = root.getCause();
        }
        // what Redis or the OS said, on the same line, unless the message says it already
        String reason = root.getMessage().lines().findFirst().orElse("");
        boolean told = root == cause || reason.isEmpty() || cause.getMessage().contains(reason);
        cli.getStdErr().println("error: " + cause.getMessage() + (told ? "" : " (" + reason + ")"));
    }

    /**
     * No message, or only its cause's class and message, as an ExecutionException wrapping a
     * Redisson failure has: words for the operator are further down.
     */
    private static boolean saysNothingOfItsOwn(Throwable e) {
        return e.getMessage() == null || e.getMessage().equals(e.getCause().toString());
    }
}
