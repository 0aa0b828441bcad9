package com.partnerpipeline.processing.sinks;

import com.partnerpipeline.formats.CsvHeader;
import com.partnerpipeline.formats.CsvRecord;
import com.partnerpipeline.formats.MalformedRecord;
import com.partnerpipeline.processing.RecordBatch;
import com.partnerpipeline.processing.RejectedRecord;
import java.io.IOException;
import java.io.Writer;

/**
 * Rejected CSV rows exactly as they stood in the input, under the input's header, with an {@code
 * _errors} column appended: fix the rows and send the file again. The rows are the partner's own
 * bytes and stay so, formulas included (the README warns against opening the file in a
 * spreadsheet); only the {@code _errors} cell, which is ours but starts with a field name the
 * partner chose, is neutralised like every errors export.
 */
public final class CsvRejectsSink extends FileSink {
    private final Writer out;

    public CsvRejectsSink(Writer out, CsvHeader header) throws IOException {
        this.out = out;
        StringBuilder line = new StringBuilder();
        for (String name : header.names()) {
            line.append(CsvText.escape(name)).append(',');
        }
        out.write(line.append("_errors\n").toString());
    }

    @Override
    protected void writeBatch(RecordBatch batch) throws IOException {
        for (RejectedRecord record : batch.rejected()) {
            String raw =
                    record.source() instanceof CsvRecord csv
                            ? csv.rawLine()
                            : ((MalformedRecord) record.source()).rawText();
            out.write(raw);
            out.write(',');
            out.write(
                    CsvText.escape(
                            SpreadsheetFormulas.neutralise(ErrorSummary.of(record.errors()))));
            out.write('\n');
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
