package io.lamina.sheet.render;

import io.lamina.sheet.model.Sheet;
import io.lamina.sheet.model.SheetRequest;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 CSV: the column names, then one record per row, each ending in CRLF. A field containing a comma, a quote,
 * CR or LF is quoted, its quotes doubled. The request holds exactly one sheet (checked by the parser).
 */
public final class CsvSheetWriter extends TextSheetWriter {

    private static final String CRLF = "\r\n";

    @Override
    public void write(SheetRequest request, Writer out) throws IOException {
        if (request.includeBom()) {
            out.write('\uFEFF');
        }
        Sheet sheet = request.sheets().get(0);
        for (int c = 0; c < sheet.columnCount(); c++) {
            field(sheet.columnNames().get(c), c, out);
        }
        out.write(CRLF);
        SheetCells cells = new SheetCells(sheet);
        for (int r = 0; r < sheet.rowCount(); r++) {
            for (int c = 0; c < sheet.columnCount(); c++) {
                field(cells.text(r, c), c, out);
            }
            out.write(CRLF);
        }
    }

    private static void field(String text, int column, Writer out) throws IOException {
        if (column > 0) {
            out.write(',');
        }
        if (!needsQuotes(text)) {
            out.write(text);
            return;
        }
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
                return true;
            }
        }
        return false;
    }
}
