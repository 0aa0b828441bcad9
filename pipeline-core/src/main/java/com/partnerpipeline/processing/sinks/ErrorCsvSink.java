package com.partnerpipeline.processing.sinks;

import com.partnerpipeline.processing.RecordBatch;
import com.partnerpipeline.processing.RejectedRecord;
import com.partnerpipeline.validation.FieldError;
import java.io.IOException;
import java.io.Writer;

/**
 * Every error as a CSV row: record_index, line_number, field, code, message, raw_value. The same
 * rows as the server's errors export, which writes them with {@link #row}.
 */
public final class ErrorCsvSink extends FileSink {
    public static final String HEADER =
            CsvText.row("record_index", "line_number", "field", "code", "message", "raw_value");

    private final Writer out;

    public ErrorCsvSink(Writer out) throws IOException {
        this.out = out;
        out.write(HEADER);
    }

    @Override
    protected void writeBatch(RecordBatch batch) throws IOException {
        for (RejectedRecord record : batch.rejected()) {
            for (FieldError error : record.errors()) {
                out.write(
                        row(
                                error.recordIndex(),
                                error.lineNumber(),
                                error.field(),
                                error.code().code(),
                                error.message(),
                                error.rawValue()));
            }
        }
    }

    /**
     * One error as a CSV row, safe to open in a spreadsheet. The partner supplied the field (a
     * schema field's name, or a column or key of the file for an extra field), the raw value, and
     * parts of the message (enum values, a pattern, the text of a malformed record): those are
     * neutralised. The record index, line number and code are ours.
     *
     * @param lineNumber 0 when unknown
     */
    public static String row(
            long recordIndex,
            long lineNumber,
            String field,
            String code,
            String message,
            String rawValue) {
        return rawRow(
                recordIndex,
                lineNumber,
                SpreadsheetFormulas.neutralise(field),
                code,
                SpreadsheetFormulas.neutralise(message),
                SpreadsheetFormulas.neutralise(rawValue));
    }

    /**
     * The row with every cell as it is, for programs that read the CSV rather than people who open
     * it.
     */
    public static String rawRow(
            long recordIndex,
            long lineNumber,
            String field,
            String code,
            String message,
            String rawValue) {
        return CsvText.row(
                String.valueOf(recordIndex),
                lineNumber > 0 ? String.valueOf(lineNumber) : "",
                field,
                code,
                message,
                rawValue);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
