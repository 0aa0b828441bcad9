package com.partnerpipeline.processing.sinks;

/**
 * Keeps a CSV cell from running as a formula when the file is opened in a spreadsheet (CSV or
 * formula injection): {@code =HYPERLINK(...)} or {@code +cmd|...} in a partner's value would
 * otherwise be live in Excel, LibreOffice or Google Sheets. A cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading apostrophe, which
 * spreadsheets read as "this is text". Anything else is left alone, and a cell already neutralised
 * is not touched again.
 */
public final class SpreadsheetFormulas {
    private SpreadsheetFormulas() {}

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
