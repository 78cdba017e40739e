package io.lamina.extraction.read;

import java.util.List;

/** Small Markdown helpers shared by the readers. */
public final class Markdown {

    private Markdown() {
    }

    /** A GitHub-flavoured table, the first row as header; ragged rows are padded to the widest. */
    public static String table(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        if (width == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        row(out, rows.get(0), width);
        out.append('|').append(" --- |".repeat(width)).append('\n');
        for (List<String> row : rows.subList(1, rows.size())) {
            row(out, row, width);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> row, int width) {
        out.append('|');
        for (int c = 0; c < width; c++) {
            String cell = c < row.size() && row.get(c) != null ? row.get(c) : "";
            out.append(' ').append(cell(cell)).append(" |");
        }
        out.append('\n');
    }

    public static String cell(String text) {
        return text.strip().replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>");
    }
}
