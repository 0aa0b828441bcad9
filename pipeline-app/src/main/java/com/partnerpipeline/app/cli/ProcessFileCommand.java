package com.partnerpipeline.app.cli;

import com.partnerpipeline.processing.ProcessingOptions;
import com.partnerpipeline.processing.offline.ExitCodes;
import com.partnerpipeline.processing.offline.OfflineProcessing;
import com.partnerpipeline.processing.offline.OfflineRequest;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.nio.file.Path;

/**
 * {@code process-file --input FILE --schema SCHEMA.json}: runs the engine on a local file with no database, no
 * Redis and no config file. Exits 0 when every record is valid, 1 when some were rejected, 2 when the file could
 * not be processed.
 */
public final class ProcessFileCommand extends Command {
    public ProcessFileCommand() {
        super("process-file", "Validate and transform a local file offline (no database, no Redis, no config file)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--input").required(true).metavar("FILE")
                .help("the file to process: .csv, .json, .jsonl, .ndjson or .xml");
        subparser.addArgument("--schema").required(true).metavar("SCHEMA.json")
                .help("schema file: {\"fields\": [...], \"validation_rules\": {...}}");
        subparser.addArgument("--output").metavar("valid.ndjson").help("write valid records, typed, as JSON Lines");
        subparser.addArgument("--errors").metavar("errors.csv").help("write one CSV row per invalid field");
        subparser.addArgument("--rejects").metavar("rejects.csv")
                .help("write rejected records as they were in the input, plus _errors");
        subparser.addArgument("--batch-size").dest("batchSize").type(Integer.class)
                .setDefault(ProcessingOptions.DEFAULT_BATCH_SIZE).help("records per batch (default 100)");
        subparser.addArgument("--json").action(Arguments.storeTrue()).help("print the summary as JSON");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        OfflineRequest request = new OfflineRequest(
                Path.of(namespace.getString("input")), Path.of(namespace.getString("schema")),
                path(namespace, "output"), path(namespace, "errors"), path(namespace, "rejects"),
                namespace.getInt("batchSize"));
        boolean terminal = System.console() != null;
        int exitCode = new OfflineProcessing(System.out, System.err, terminal, namespace.getBoolean("json")).run(request);
        if (exitCode != ExitCodes.ALL_VALID) {
            throw new ExitException(exitCode);
        }
    }

    private static Path path(Namespace namespace, String name) {
        String value = namespace.getString(name);
        return value == null ? null : Path.of(value);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!(e instanceof ExitException)) {
            cli.getStdErr().println("error: " + e.getMessage());
        }
    }
}
