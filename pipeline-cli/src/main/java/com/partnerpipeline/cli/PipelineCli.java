package com.partnerpipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pipeline}: the partner's command-line client. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "pipeline 0.1.0",
        description = "Partner client of the data ingestion pipeline.",
        subcommands = {ValidateCommand.class, CommandLine.HelpCommand.class})
public final class PipelineCli {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new PipelineCli());
    }
}
