package io.lamina.sheet.render;

import io.lamina.sheet.model.Sheet;
import io.lamina.sheet.model.SheetRequest;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * One GitHub-flavoured Markdown table per sheet, under a {@code ## name} heading when the request has several
 * sheets or the sheet has a name. In cells, backslashes and pipes are escaped and line breaks become {@code <br>},
 * so every row stays one table row.
 */
public final class MarkdownSheetWriter extends TextSheetWriter {

    @Override
    public void write(SheetRequest request, Writer out) throws IOException {
        List<Sheet> sheets = request.sheets();
        for (int i = 0; i < sheets.size(); i++) {
            Sheet sheet = sheets.get(i);
            if (i > 0) {
                out.write('\n');
            }
            if (sheets.size() > 1 || sheet.name() != null) {
                String title = sheet.name() == null || sheet.name().isBlank() ? "Sheet " + (i + 1) : sheet.name();
                out.write("## " + title.replaceAll("[\\r\\n]+", " ").strip() + "\n\n");
            }
            table(sheet, out);
        }
    }

    private static void table(Sheet sheet, Writer out) throws IOException {
        out.write('|');
        for (String name : sheet.columnNames()) {
            cell(name, out);
        }
        out.write("\n|");
        for (int c = 0; c < sheet.columnCount(); c++) {
            out.write(" --- |");
        }
        out.write('\n');
        SheetCells cells = new SheetCells(sheet);
        for (int r = 0; r < sheet.rowCount(); r++) {
            out.write('|');
            for (int c = 0; c < sheet.columnCount(); c++) {
                cell(cells.text(r, c), out);
            }
            out.write('\n');
        }
    }

    private static void cell(String text, Writer out) throws IOException {
        out.write(' ');
        out.write(escape(text));
        out.write(" |");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> escaped.append("\\\\");
                case '|' -> escaped.append("\\|");
                case '\r' -> {
                    escaped.append("<br>");
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n' -> escaped.append("<br>");
                default -> escaped.append(ch);
            }
        }
        return escaped.toString();
    }
}
