package com.partnerpipeline.cli.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: columns as wide as their widest value, up to a limit, longer values cut with
 * an ellipsis.
 */
public final class Table {
    private static final int MAX_WIDTH = 60;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(Object... values) {
        List<String> row = new ArrayList<>(values.length);
        for (Object value : values) {
            row.add(value == null ? "-" : clean(String.valueOf(value)));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.min(MAX_WIDTH, Math.max(widths[i], row.get(i).length()));
            }
        }
        line(out, headers, widths);
        rows.forEach(row -> line(out, row, widths));
    }

    private static void line(PrintStream out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell =
                    cells.get(i).length() > widths[i]
                            ? cells.get(i).substring(0, widths[i] - 1) + "…"
                            : cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /** A value on one line: a raw value with a line break or a tab would break the columns. */
    private static String clean(String value) {
        return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
