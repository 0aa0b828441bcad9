package com.partnerpipeline.cli;

import com.partnerpipeline.processing.ProcessingOptions;
import com.partnerpipeline.processing.offline.OfflineProcessing;
import com.partnerpipeline.processing.offline.OfflineRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline validate FILE --schema SCHEMA.json}: checks a file on the partner's machine with
 * the server's engine.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description =
                "Check a file against a schema offline, with the same engine the server runs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every record is valid",
            "1:some records were rejected",
            "2:the file could not be processed (unreadable, bad schema, error threshold exceeded)",
            "64:bad usage (unknown option, missing argument)"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  pipeline validate customers.csv --schema customers.schema.json",
            "  pipeline validate orders.jsonl --schema orders.json --errors errors.csv --rejects rejects.jsonl",
            "  pipeline validate feed.xml --schema feed.json --json"
        })
final class ValidateCommand implements Callable<Integer> {
    /**
     * Its description ends with the accepted extensions, added by {@link PipelineCli#commandLine()}
     * from FileFormat.
     */
    @Parameters(index = "0", paramLabel = "FILE", description = "the file to check")
    Path input;

    @Option(
            names = "--schema",
            required = true,
            paramLabel = "SCHEMA.json",
            description = "the schema file")
    Path schema;

    @Option(
            names = "--output",
            paramLabel = "valid.ndjson",
            description = "write valid records, typed, as JSON Lines")
    Path output;

    @Option(
            names = "--errors",
            paramLabel = "errors.csv",
            description = "write one CSV row per invalid field")
    Path errors;

    @Option(
            names = "--rejects",
            paramLabel = "rejects.csv",
            description = "write rejected records as they were in the input, plus _errors")
    Path rejects;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Override
    public Integer call() {
        OfflineRequest request =
                new OfflineRequest(
                        input,
                        schema,
                        output,
                        errors,
                        rejects,
                        ProcessingOptions.DEFAULT_BATCH_SIZE);
        return new OfflineProcessing(System.out, System.err, System.console() != null, json)
                .run(request);
    }
}
