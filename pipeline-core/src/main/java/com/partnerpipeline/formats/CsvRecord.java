package com.partnerpipeline.formats;

import java.util.function.BiConsumer;

/**
 * One CSV row. Values are trimmed; an empty cell is the empty string, which the transform stage treats as absent.
 *
 * @param rawLine the row exactly as it stood in the file, kept so a rejects file can reproduce it
 */
public record CsvRecord(long index, long lineNumber, CsvHeader header, String[] values, String rawLine)
        implements SourceRecord {

    @Override
    public Object get(FieldPath path) {
        int column = header.indexOf(path.path());
        return column < 0 ? null : values[column];
    }

    @Override
    public void forEachField(BiConsumer<String, Object> action) {
        for (int i = 0; i < values.length; i++) {
            action.accept(header.names().get(i), values[i]);
        }
    }
}
