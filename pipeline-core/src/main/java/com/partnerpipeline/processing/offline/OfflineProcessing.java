package com.partnerpipeline.processing.offline;

import com.partnerpipeline.formats.CsvRecordReader;
import com.partnerpipeline.formats.FileFormat;
import com.partnerpipeline.formats.ReaderLimits;
import com.partnerpipeline.formats.RecordReader;
import com.partnerpipeline.formats.UnreadableFileException;
import com.partnerpipeline.processing.ProcessingOptions;
import com.partnerpipeline.processing.ProcessingProgress;
import com.partnerpipeline.processing.ProcessingResult;
import com.partnerpipeline.processing.ProgressListener;
import com.partnerpipeline.processing.RecordProcessor;
import com.partnerpipeline.processing.sinks.CsvRejectsSink;
import com.partnerpipeline.processing.sinks.ErrorCsvSink;
import com.partnerpipeline.processing.sinks.FileSink;
import com.partnerpipeline.processing.sinks.JsonRejectsSink;
import com.partnerpipeline.processing.sinks.NdjsonRecordSink;
import com.partnerpipeline.schema.CompiledSchema;
import com.partnerpipeline.schema.InvalidSchemaException;
import com.partnerpipeline.schema.SchemaFile;
import com.partnerpipeline.schema.SchemaLimits;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Processes one local file with no services: the engine behind {@code process-file} and {@code
 * pipeline validate}. Prints progress to a terminal, a summary to {@code out}, problems to {@code
 * err}, and answers the exit code.
 */
public final class OfflineProcessing {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean showProgress;
    private final boolean jsonSummary;

    /**
     * @param showProgress draw a progress line on {@code err} (only when it is a terminal)
     * @param jsonSummary print the summary as one JSON object
     */
    public OfflineProcessing(
            PrintStream out, PrintStream err, boolean showProgress, boolean jsonSummary) {
        this.out = out;
        this.err = err;
        this.showProgress = showProgress;
        this.jsonSummary = jsonSummary;
    }

    public int run(OfflineRequest request) {
        try {
            CompiledSchema schema =
                    SchemaFile.read(request.schema()).compile(SchemaLimits.DEFAULTS);
            FileFormat format = detectFormat(request.input());
            ProcessingResult result = process(request, schema, format);
            out.print(
                    jsonSummary
                            ? Summary.json(request.input(), format, result)
                            : Summary.text(request.input(), result));
            return ExitCodes.of(result);
        } catch (InvalidSchemaException e) {
            return fail("invalid schema: " + e.getMessage());
        } catch (InputProblem e) {
            return fail(e.getMessage());
        } catch (UncheckedIOException e) { // from a sink: the only writers
            return fail("cannot write output: " + describe(e.getCause()));
        } catch (IOException e) {
            return fail("cannot read input: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return e.getMessage() + " (no such file or directory)";
        }
        if (e instanceof AccessDeniedException) {
            return e.getMessage() + " (permission denied)";
        }
        return e.getMessage();
    }

    private ProcessingResult process(
            OfflineRequest request, CompiledSchema schema, FileFormat format)
            throws IOException, InputProblem {
        long fileSize = Files.size(request.input());
        ConsoleProgress console = showProgress ? new ConsoleProgress(err, fileSize) : null;
        ProgressListener listener = console == null ? ProgressListener.NONE : console;
        List<FileSink> sinks = new ArrayList<>();
        try (InputStream in = Files.newInputStream(request.input());
                RecordReader reader = format.open(in, ReaderLimits.DEFAULTS)) {
            openSinks(request, schema, reader, sinks);
            RecordProcessor processor =
                    new RecordProcessor(ProcessingOptions.allCores(request.batchSize()));
            ProcessingResult result =
                    processor.process(
                            reader,
                            schema,
                            batch -> sinks.forEach(sink -> sink.write(batch)),
                            listener,
                            () -> false);
            if (console != null) {
                console.finish();
            }
            return result;
        } catch (UnreadableFileException e) {
            // The reader could not even start (header row, document prolog): nothing was processed.
            return new ProcessingResult(
                    ProcessingResult.Outcome.FAILED,
                    new ProcessingProgress(0, 0, 0, 0, 0),
                    e.getMessage(),
                    0);
        } finally {
            closeAll(sinks);
        }
    }

    private static void openSinks(
            OfflineRequest request,
            CompiledSchema schema,
            RecordReader reader,
            List<FileSink> sinks) {
        try {
            addSinks(request, schema, reader, sinks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addSinks(
            OfflineRequest request,
            CompiledSchema schema,
            RecordReader reader,
            List<FileSink> sinks)
            throws IOException {
        if (request.output() != null) {
            sinks.add(
                    new NdjsonRecordSink(
                            new BufferedOutputStream(
                                    Files.newOutputStream(request.output()), 1 << 16),
                            schema.fieldNames()));
        }
        if (request.errors() != null) {
            sinks.add(new ErrorCsvSink(writer(request.errors())));
        }
        if (request.rejects() != null) {
            sinks.add(
                    reader instanceof CsvRecordReader csv
                            ? new CsvRejectsSink(writer(request.rejects()), csv.header())
                            : new JsonRejectsSink(
                                    new BufferedOutputStream(
                                            Files.newOutputStream(request.rejects()), 1 << 16)));
        }
    }

    private static BufferedWriter writer(Path path) throws IOException {
        return new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8),
                1 << 16);
    }

    private static void closeAll(List<FileSink> sinks) {
        UncheckedIOException failure = null;
        for (FileSink sink : sinks) {
            try {
                sink.close();
            } catch (IOException e) {
                failure = failure == null ? new UncheckedIOException(e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The format from the extension, checked against the first bytes; by content alone when the
     * extension says nothing.
     */
    static FileFormat detectFormat(Path input) throws InputProblem {
        if (!Files.exists(input)) {
            throw new InputProblem("input file " + input + " does not exist");
        }
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            throw new InputProblem("input " + input + " is not a readable file");
        }
        byte[] head = new byte[4096];
        int length;
        try (InputStream in = Files.newInputStream(input)) {
            length = Math.max(in.readNBytes(head, 0, head.length), 0);
        } catch (IOException e) {
            throw new InputProblem("cannot read input file " + input + ": " + e.getMessage());
        }
        FileFormat.Detection detection =
                FileFormat.detect(input.getFileName().toString(), head, length);
        if (detection instanceof FileFormat.Detection.Known known) {
            return known.format();
        }
        if (detection
                instanceof
                FileFormat.Detection.UnknownExtension
                        unknown) { // offline, a file is taken by content
            return unknown.byContent().orElseThrow(() -> new InputProblem(unknown.undetectable()));
        }
        throw new InputProblem(((FileFormat.Detection.ContentMismatch) detection).message());
    }

    private int fail(String message) {
        err.println("error: " + message);
        return ExitCodes.NOT_PROCESSED;
    }

    /** The input file is missing, unreadable or of an unknown format. */
    static final class InputProblem extends Exception {
        InputProblem(String message) {
            super(message);
        }
    }
}
