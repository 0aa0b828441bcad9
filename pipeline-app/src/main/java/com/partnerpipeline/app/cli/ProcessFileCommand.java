package com.partnerpipeline.app.cli;

import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.formats.FileFormat;
import com.partnerpipeline.processing.ProcessingOptions;
import com.partnerpipeline.processing.offline.ExitCodes;
import com.partnerpipeline.processing.offline.OfflineProcessing;
import com.partnerpipeline.processing.offline.OfflineRequest;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import java.util.UUID;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * Two ways to run one file. {@code process-file --input FILE --schema SCHEMA.json} runs the engine
 * on a local file with no database, no Redis and no config file. {@code process-file config.yml
 * --input FILE --partner ID --schema-id ID} runs it as a job into the database, as a worker would,
 * without Redis. Both exit 0 when every record is valid, 1 when some were rejected, 2 when the file
 * could not be processed.
 */
public final class ProcessFileCommand extends Command {
    public ProcessFileCommand() {
        super(
                "process-file",
                "Validate and transform a local file offline (no database, no Redis, no config file)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser
                .addArgument("config")
                .nargs("?")
                .metavar("config.yml")
                .help(
                        "with a config file, the file is processed as a job into the database (needs --partner and --schema-id)");
        subparser
                .addArgument("--input")
                .required(true)
                .metavar("FILE")
                .help("the file to process: " + FileFormat.extensionList());
        subparser
                .addArgument("--schema")
                .metavar("SCHEMA.json")
                .help("offline: schema file, {\"fields\": [...], \"validation_rules\": {...}}");
        subparser
                .addArgument("--partner")
                .metavar("ID")
                .help("with config.yml: the partner the job belongs to");
        subparser
                .addArgument("--schema-id")
                .dest("schemaId")
                .metavar("ID")
                .help("with config.yml: the partner's schema");
        subparser
                .addArgument("--output")
                .metavar("valid.ndjson")
                .help("write valid records, typed, as JSON Lines");
        subparser
                .addArgument("--errors")
                .metavar("errors.csv")
                .help("write one CSV row per invalid field");
        subparser
                .addArgument("--rejects")
                .metavar("rejects.csv")
                .help("write rejected records as they were in the input, plus _errors");
        subparser
                .addArgument("--batch-size")
                .dest("batchSize")
                .type(Integer.class)
                .setDefault(ProcessingOptions.DEFAULT_BATCH_SIZE)
                .help("records per batch");
        subparser
                .addArgument("--json")
                .action(Arguments.storeTrue())
                .help("print the summary as JSON");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        int exitCode =
                namespace.getString("config") == null
                        ? offline(namespace)
                        : intoDatabase(bootstrap, namespace);
        if (exitCode != ExitCodes.ALL_VALID) {
            throw new ExitException(exitCode);
        }
    }

    private static int offline(Namespace namespace) {
        if (namespace.getString("schema") == null) {
            throw new IllegalArgumentException(
                    "--schema is required (or give config.yml, --partner and --schema-id)");
        }
        OfflineRequest request =
                new OfflineRequest(
                        Path.of(namespace.getString("input")),
                        Path.of(namespace.getString("schema")),
                        path(namespace, "output"),
                        path(namespace, "errors"),
                        path(namespace, "rejects"),
                        namespace.getInt("batchSize"));
        boolean terminal = System.console() != null;
        return new OfflineProcessing(System.out, System.err, terminal, namespace.getBoolean("json"))
                .run(request);
    }

    @SuppressWarnings(
            "unchecked") // this command is only ever added to the pipeline application's bootstrap
    private static int intoDatabase(Bootstrap<?> untyped, Namespace namespace) throws Exception {
        Bootstrap<PipelineConfiguration> bootstrap = (Bootstrap<PipelineConfiguration>) untyped;
        String partner = namespace.getString("partner");
        String schemaId = namespace.getString("schemaId");
        if (partner == null || schemaId == null) {
            throw new IllegalArgumentException(
                    "with config.yml, --partner and --schema-id are required");
        }
        PipelineConfiguration configuration =
                bootstrap
                        .getConfigurationFactoryFactory()
                        .create(
                                PipelineConfiguration.class,
                                bootstrap.getValidatorFactory().getValidator(),
                                bootstrap.getObjectMapper(),
                                "dw")
                        .build(
                                bootstrap.getConfigurationSourceProvider(),
                                namespace.getString("config"));
        return new DatabaseFileProcessing(configuration, System.out)
                .run(
                        Path.of(namespace.getString("input")),
                        uuid("--partner", partner),
                        uuid("--schema-id", schemaId));
    }

    private static UUID uuid(String option, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    option + " must be an id such as 3f6c2a9e-0c4d-4b8e-9b1a-2d5e7f8a9c0b");
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
