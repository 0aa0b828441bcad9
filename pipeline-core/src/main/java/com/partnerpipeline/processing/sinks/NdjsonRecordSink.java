package com.partnerpipeline.processing.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.partnerpipeline.processing.RecordBatch;
import com.partnerpipeline.processing.ValidRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Valid records as JSON Lines: one object per record with the schema's fields, typed. */
public final class NdjsonRecordSink extends FileSink {
    private final JsonGenerator json;
    private final List<String> fieldNames;

    public NdjsonRecordSink(OutputStream out, List<String> fieldNames) throws IOException {
        this.json = new JsonFactory().createGenerator(out);
        this.json.setRootValueSeparator(null);
        this.fieldNames = List.copyOf(fieldNames);
    }

    @Override
    protected void writeBatch(RecordBatch batch) throws IOException {
        for (ValidRecord record : batch.valid()) {
            TypedValues.writeRecord(json, fieldNames, record.values());
            json.writeRaw('\n');
        }
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
