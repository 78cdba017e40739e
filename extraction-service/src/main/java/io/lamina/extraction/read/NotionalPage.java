package io.lamina.extraction.read;

import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.layout.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * The page of a format without pages (DOCX, HTML, CSV, text, e-mail): lines 12 pt high stacked from the top of a
 * 612 pt wide page (US Letter width), characters 6 pt wide. Table rows put each cell at its column's left edge, so a
 * layout-aware reader sees the columns aligned as on paper.
 */
final class NotionalPage {

    static final double WIDTH = 612;
    static final double LINE_HEIGHT = 12;
    static final double CHAR_WIDTH = 6;
    static final double MARGIN = 36;

    private final List<Line> lines = new ArrayList<>();
    private double y = MARGIN;

    /** A line of text as written; blank lines only move down. */
    void text(String text) {
        if (text == null || text.isBlank()) {
            y += LINE_HEIGHT;
            return;
        }
        for (String physical : text.split("\n", -1)) {
            if (physical.isBlank()) {
                y += LINE_HEIGHT;
                continue;
            }
            List<Word> words = new ArrayList<>();
            addWords(words, physical, MARGIN);
            add(physical.strip(), words);
        }
    }

    /** A table row: each cell starts at {@code columnStarts[c]} characters from the margin. */
    void row(List<String> cells, int[] columnStarts) {
        List<Word> words = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c) == null ? "" : cells.get(c).replace('\n', ' ').strip();
            if (cell.isEmpty()) {
                continue;
            }
            int start = c < columnStarts.length ? columnStarts[c] : text.length() + 1;
            while (text.length() < start) {
                text.append(' ');
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ' ') {
                text.append(' ');
            }
            int at = text.length();
            text.append(cell);
            addWords(words, cell, MARGIN + at * CHAR_WIDTH);
        }
        if (words.isEmpty()) {
            y += LINE_HEIGHT;
            return;
        }
        add(text.toString().strip(), words);
    }

    /** Column starts (in characters) for rows of cells: each column as wide as its widest cell plus two spaces. */
    static int[] columnStarts(List<List<String>> rows) {
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[width];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c) == null ? "" : row.get(c).replace('\n', ' ').strip();
                widths[c] = Math.max(widths[c], Math.min(cell.length(), 60));
            }
        }
        int[] starts = new int[width];
        int at = 0;
        for (int c = 0; c < width; c++) {
            starts[c] = at;
            at += widths[c] + 2;
        }
        return starts;
    }

    void table(List<List<String>> rows) {
        int[] starts = columnStarts(rows);
        for (List<String> row : rows) {
            row(row, starts);
        }
    }

    private void add(String text, List<Word> words) {
        Box box = words.get(0).box();
        for (Word w : words) {
            box = box.union(w.box());
        }
        lines.add(new Line(text, box, List.copyOf(words)));
        y += LINE_HEIGHT;
    }

    private void addWords(List<Word> out, String text, double left) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(new Word(text.substring(start, i),
                        new Box(left + start * CHAR_WIDTH, y, (i - start) * CHAR_WIDTH, LINE_HEIGHT), 1.0));
            }
        }
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    Page build(int number) {
        return new Page(number, WIDTH, Math.max(792, y + MARGIN), List.copyOf(lines), Page.Source.TEXT);
    }
}
