package com.partnerpipeline.formats;

import java.util.function.BiConsumer;

/**
 * One CSV row. Values are trimmed; an empty cell is the empty string, which the transform stage
 * treats as absent.
 *
 * @param rawText the row exactly as it stood in the file followed by '\n', kept so a rejects file
 *     can reproduce it
 */
public record CsvRecord(
        long index, long lineNumber, CsvHeader header, String[] values, String rawText)
        implements SourceRecord {

    /** The row as it stood in the file, without its line terminator. */
    public String rawLine() {
        return rawText.substring(0, rawText.length() - 1);
    }

    @Override
    public Object get(FieldPath path) {
        int column = path.columnIn(header);
        return column < 0 ? null : values[column];
    }

    @Override
    public void forEachField(BiConsumer<String, Object> action) {
        for (int i = 0; i < values.length; i++) {
            action.accept(header.names().get(i), values[i]);
        }
    }
}
