package com.partnerpipeline.processing.offline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.partnerpipeline.formats.FileFormat;
import com.partnerpipeline.processing.ProcessingProgress;
import com.partnerpipeline.processing.ProcessingResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/** The final report of an offline run, for people or, with {@code --json}, for scripts. */
final class Summary {
    private Summary() {}

    static String text(Path input, ProcessingResult result) {
        ProcessingProgress totals = result.totals();
        StringBuilder text = new StringBuilder();
        text.append(input.getFileName()).append(": ").append(result.outcome());
        if (result.message() != null) {
            text.append(" - ").append(result.message());
        }
        text.append('\n');
        text.append(String.format(Locale.ROOT, "  records   %,d%n", totals.recordsRead()));
        text.append(String.format(Locale.ROOT, "  valid     %,d%n", totals.recordsValid()));
        text.append(
                String.format(
                        Locale.ROOT,
                        "  rejected  %,d (%,d field errors)%n",
                        totals.recordsRejected(),
                        totals.fieldErrors()));
        text.append(
                String.format(
                        Locale.ROOT,
                        "  time      %.2f s (%,.0f records/s)%n",
                        result.seconds(),
                        result.recordsPerSecond()));
        return text.toString();
    }

    static String json(Path input, FileFormat format, ProcessingResult result) {
        ProcessingProgress totals = result.totals();
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("input", input.toString());
            json.writeStringField(
                    "format", format == null ? null : format.name().toLowerCase(Locale.ROOT));
            json.writeStringField("status", result.outcome().name());
            json.writeNumberField("records", totals.recordsRead());
            json.writeNumberField("valid", totals.recordsValid());
            json.writeNumberField("rejected", totals.recordsRejected());
            json.writeNumberField("errors", totals.fieldErrors());
            json.writeNumberField("bytes", totals.bytesConsumed());
            json.writeNumberField("seconds", Math.round(result.seconds() * 1000) / 1000.0);
            json.writeNumberField("recordsPerSecond", Math.round(result.recordsPerSecond()));
            json.writeStringField("message", result.message());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }
}
