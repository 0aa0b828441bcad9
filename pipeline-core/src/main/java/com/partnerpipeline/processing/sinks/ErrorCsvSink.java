package com.partnerpipeline.processing.sinks;

import com.partnerpipeline.processing.RecordBatch;
import com.partnerpipeline.processing.RejectedRecord;
import com.partnerpipeline.validation.FieldError;

import java.io.IOException;
import java.io.Writer;

/** Every error as a CSV row: record_index, line_number, field, code, message, raw_value. */
public final class ErrorCsvSink extends FileSink {
    public static final String HEADER = CsvText.row("record_index", "line_number", "field", "code", "message", "raw_value");

    private final Writer out;

    public ErrorCsvSink(Writer out) throws IOException {
        this.out = out;
        out.write(HEADER);
    }

    @Override
    protected void writeBatch(RecordBatch batch) throws IOException {
        for (RejectedRecord record : batch.rejected()) {
            for (FieldError error : record.errors()) {
                out.write(CsvText.row(String.valueOf(error.recordIndex()),
                        error.lineNumber() > 0 ? String.valueOf(error.lineNumber()) : "",
                        error.field(), error.code().code(), error.message(), error.rawValue()));
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
