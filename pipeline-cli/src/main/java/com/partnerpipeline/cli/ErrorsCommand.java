package com.partnerpipeline.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.partnerpipeline.cli.client.PipelineClient;
import com.partnerpipeline.cli.exit.CliException;
import com.partnerpipeline.cli.exit.ExitStatus;
import com.partnerpipeline.cli.output.Format;
import com.partnerpipeline.cli.output.Table;
import com.partnerpipeline.processing.sinks.ErrorCsvSink;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Every error of a job, however many: read from the server's CSV export as it streams, and printed
 * as it arrives, as tables of {@link #ROWS_PER_TABLE} rows, as CSV, or as one JSON array. The
 * export is asked for with its cells as stored, so tables and JSON show the true values; the CSV,
 * made to be opened in a spreadsheet, is written here with the partner's cells neutralised,
 * whichever server version answered.
 */
@Command(
        name = "errors",
        mixinStandardHelpOptions = true,
        description =
                "Show every invalid field of a job: its record, line, code, message and raw value.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  pipeline errors 8b1f...c2d | less",
            "  pipeline errors 8b1f...c2d --csv > errors.csv",
            "  pipeline errors 8b1f...c2d --json | jq '.[].code' | sort | uniq -c"
        })
final class ErrorsCommand extends RemoteCommand {
    private static final int ROWS_PER_TABLE = 1_000;
    private static final String[] COLUMNS = {
        "recordIndex", "lineNumber", "field", "code", "message", "rawValue"
    };

    @Parameters(index = "0", paramLabel = "ID", description = "the job id")
    String jobId;

    @Option(
            names = "--csv",
            description =
                    "print the errors as CSV (record_index, line_number, field, code, message, raw_value)")
    boolean csv;

    @Override
    int run(PipelineClient client) {
        client.get(
                "/api/jobs/"
                        + PipelineClient.encode(
                                jobId)); // an unknown job is one clear line, not an empty export
        try (InputStream export =
                client.stream(
                        "/api/jobs/"
                                + PipelineClient.encode(jobId)
                                + "/errors?format=csv&cells=raw")) {
            if (csv) {
                printCsv(export);
                return ExitStatus.OK;
            }
            long count = json ? printJsonArray(export) : printTables(export);
            if (!json) {
                out.println(count == 0 ? "No errors." : Format.count(count) + " errors");
            }
            return ExitStatus.OK;
        } catch (IOException | UncheckedIOException e) {
            throw new CliException(
                    ExitStatus.UNAVAILABLE, "the errors stopped arriving: " + e.getMessage());
        }
    }

    /**
     * UTF-8 whatever the terminal's encoding, as the server sent it: the file is for a spreadsheet,
     * not the screen.
     */
    private void printCsv(InputStream export) throws IOException {
        CsvParser parser = parser(export);
        Writer csv =
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        csv.write(ErrorCsvSink.HEADER);
        for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
            csv.write(
                    ErrorCsvSink.row(
                            Long.parseLong(row[0]),
                            row[1] == null ? 0 : Long.parseLong(row[1]),
                            row[2],
                            row[3],
                            row[4],
                            row[5]));
        }
        csv.flush(); // not closed: stdout stays open
    }

    private long printTables(InputStream export) {
        CsvParser parser = parser(export);
        long count = 0;
        Table table = new Table("RECORD", "LINE", "FIELD", "CODE", "MESSAGE", "RAW VALUE");
        for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
            table.row((Object[]) row);
            if (++count % ROWS_PER_TABLE == 0) {
                table.print(out);
                table = new Table("RECORD", "LINE", "FIELD", "CODE", "MESSAGE", "RAW VALUE");
            }
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        return count;
    }

    private long printJsonArray(InputStream export) throws IOException {
        CsvParser parser = parser(export);
        long count = 0;
        JsonFactory factory =
                new JsonFactory()
                        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // stdout stays open
        try (JsonGenerator generator = factory.createGenerator(out).useDefaultPrettyPrinter()) {
            generator.writeStartArray();
            for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
                generator.writeStartObject();
                generator.writeNumberField(COLUMNS[0], Long.parseLong(row[0]));
                if (row[1] == null) {
                    generator.writeNullField(COLUMNS[1]);
                } else {
                    generator.writeNumberField(COLUMNS[1], Long.parseLong(row[1]));
                }
                for (int i = 2; i < COLUMNS.length; i++) {
                    generator.writeStringField(COLUMNS[i], row[i]);
                }
                generator.writeEndObject();
                count++;
            }
            generator.writeEndArray();
            generator.writeRaw('\n');
        }
        return count;
    }

    private static CsvParser parser(InputStream export) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.setMaxCharsPerColumn(-1);
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setLineSeparatorDetectionEnabled(true);
        CsvParser parser = new CsvParser(settings);
        parser.beginParsing(new InputStreamReader(export, StandardCharsets.UTF_8));
        return parser;
    }
}
