package com.partnerpipeline.cli;

import com.partnerpipeline.cli.exit.ExitStatus;
import com.partnerpipeline.formats.FileFormat;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline}: the partner's command-line client, a thin client of the REST and WebSocket API.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        version = "pipeline 0.1.0",
        description =
                "Partner client of the data ingestion pipeline: upload files, follow jobs, read their errors, "
                        + "manage schemas, and validate files offline with the server's own engine.",
        subcommands = {
            UploadCommand.class,
            WatchCommand.class,
            JobsCommand.class,
            JobCommand.class,
            ErrorsCommand.class,
            CancelCommand.class,
            RetryCommand.class,
            SchemasCommand.class,
            SchemaCommand.class,
            HealthCommand.class,
            ValidateCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success; a job completed with no rejected records",
            "1:a job completed (or a file validated) with rejected records",
            "2:a job failed or was cancelled; a file could not be validated",
            "3:the server refused the request (unknown job or schema, wrong state, invalid input)",
            "64:bad usage (unknown option, missing argument)",
            "66:a local file is missing or unreadable",
            "69:the server is unreachable or failed",
            "70:an unexpected error in the CLI (please report it)",
            "77:the API key is missing or refused"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  PIPELINE_URL      the server, instead of --url",
            "  PIPELINE_API_KEY  your API key, instead of --api-key (hidden from process lists)",
            "",
            "Examples:",
            "  export PIPELINE_URL=http://localhost:8080 PIPELINE_API_KEY=pk_...",
            "  pipeline upload customers.csv --schema 3f6c...e21 --follow",
            "  pipeline jobs --status FAILED",
            "  pipeline errors 8b1f...c2d --csv > errors.csv",
            "  pipeline validate customers.csv --schema customers.schema.json",
            "  source <(pipeline generate-completion)   # tab completion in bash or zsh"
        })
public final class PipelineCli implements Callable<Integer> {
    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            defaultValue = "${env:PIPELINE_URL:-http://localhost:8080}",
            description = "the server (env PIPELINE_URL; default: http://localhost:8080)")
    String url;

    @Option(
            names = "--api-key",
            scope = ScopeType.INHERIT,
            paramLabel = "KEY",
            defaultValue = "${env:PIPELINE_API_KEY}",
            description = "your API key (better: env PIPELINE_API_KEY, hidden from process lists)")
    String apiKey;

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PipelineCli());
        listAcceptedFormats(commandLine.getSubcommands().get("upload"));
        listAcceptedFormats(commandLine.getSubcommands().get("validate"));
        commandLine.setParameterExceptionHandler(
                (e, args) -> {
                    CommandLine failed = e.getCommandLine();
                    failed.getErr().println("error: " + e.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr());
                    failed.getErr()
                            .println(
                                    "Run '"
                                            + failed.getCommandSpec().qualifiedName()
                                            + " --help' for usage and examples.");
                    return ExitStatus.USAGE;
                });
        commandLine.setExecutionExceptionHandler(
                (e, failed, parseResult) -> {
                    failed.getErr().println("error: unexpected failure, please report it: " + e);
                    return ExitStatus.BUG;
                });
        return commandLine;
    }

    /**
     * Ends the description of a command's FILE parameter with the extensions {@link FileFormat}
     * accepts ("the file: .csv, ... or .xml"): annotations take only constants, and the list is
     * written nowhere else.
     */
    static void listAcceptedFormats(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        PositionalParamSpec file = spec.positionalParameters().get(0);
        String[] description = file.description().clone();
        description[description.length - 1] += ": " + FileFormat.extensionList();
        spec.remove(file);
        spec.addPositional(file.toBuilder().description(description).build());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE;
    }
}
