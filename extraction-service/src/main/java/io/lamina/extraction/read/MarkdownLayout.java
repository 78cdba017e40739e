package io.lamina.extraction.read;

import io.lamina.extraction.model.layout.Page;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The notional page of a format without pages, built from its Markdown: heading marks, list bullets and fences are
 * dropped (a citation quotes the text, not the syntax), tables become rows with aligned columns.
 */
final class MarkdownLayout {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*+]\\s+");
    private static final Pattern SEPARATOR = Pattern.compile("^\\|(\\s*:?-{3,}:?\\s*\\|)+\\s*$");

    private MarkdownLayout() {
    }

    static Page page(String markdown, int number) {
        NotionalPage page = new NotionalPage();
        List<List<String>> table = new ArrayList<>();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("|") && line.strip().endsWith("|")) {
                if (!SEPARATOR.matcher(line.strip()).matches()) {
                    table.add(cells(line.strip()));
                }
                continue;
            }
            if (!table.isEmpty()) {
                page.table(table);
                table.clear();
            }
            if (line.startsWith("```")) {
                continue;
            }
            String text = HEADING.matcher(line).replaceFirst("");
            text = BULLET.matcher(text).replaceFirst("");
            page.text(text.replace("**", ""));
        }
        if (!table.isEmpty()) {
            page.table(table);
        }
        return page.build(number);
    }

    /** The cells of {@code | a | b \| c |}: split at unescaped pipes, escapes undone. */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char ch = row.charAt(i);
            if (ch == '\\' && i + 1 < row.length()) {
                cell.append(row.charAt(++i));
            } else if (ch == '|') {
                cells.add(cell.toString().replace("<br>", " ").strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        return cells;
    }
}
