package com.partnerpipeline.processing.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.partnerpipeline.formats.MalformedRecord;
import com.partnerpipeline.formats.TreeRecord;
import com.partnerpipeline.processing.RecordBatch;
import com.partnerpipeline.processing.RejectedRecord;
import com.partnerpipeline.validation.FieldError;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Rejected JSON and XML records as JSON Lines: each record's fields as read, plus {@code _errors}.
 * A record that could not be read at all carries its text as {@code _raw}.
 */
public final class JsonRejectsSink extends FileSink {
    private final JsonGenerator json;

    public JsonRejectsSink(OutputStream out) throws IOException {
        this.json = new JsonFactory().createGenerator(out);
        this.json.setRootValueSeparator(null);
    }

    @Override
    protected void writeBatch(RecordBatch batch) throws IOException {
        for (RejectedRecord record : batch.rejected()) {
            json.writeStartObject();
            if (record.source() instanceof TreeRecord tree) {
                for (Map.Entry<String, Object> field : tree.fields().entrySet()) {
                    json.writeFieldName(field.getKey());
                    TypedValues.write(json, field.getValue());
                }
            } else {
                json.writeStringField("_raw", ((MalformedRecord) record.source()).rawText());
            }
            json.writeArrayFieldStart("_errors");
            for (FieldError error : record.errors()) {
                json.writeStartObject();
                json.writeStringField("field", error.field());
                json.writeStringField("code", error.code().code());
                json.writeStringField("message", error.message());
                json.writeStringField("rawValue", error.rawValue());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
