package io.lamina.extraction.read;

import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Markdown from positioned lines: the most used font size is the body; short lines set clearly larger become
 * headings ({@code #} for the largest size, then {@code ##}, {@code ###}); a vertical gap wider than 1.5 lines
 * starts a new paragraph; bullets ({@code • ◦ ▪ – *}) become {@code -} items; lines whose words fall into the same
 * columns as their neighbours (two or more wide gaps) become a table. OCR pages have no font sizes: they get
 * paragraphs and lists only.
 */
final class PdfMarkdown {

    private static final Pattern BULLET = Pattern.compile("^[•◦▪●○■□➢►–\\-*]\\s+");
    private static final Pattern COLUMN_GAP = Pattern.compile(" {3,}");

    private PdfMarkdown() {
    }

    static String of(List<PdfReader.ReadPage> pages) {
        Map<Long, Integer> weight = new HashMap<>();
        for (PdfReader.ReadPage p : pages) {
            for (PdfReader.SizedLine s : p.sized()) {
                weight.merge(Math.round(s.fontSize() * 2), s.line().text().length(), Integer::sum);
            }
        }
        long body = weight.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0L);
        TreeSet<Long> headingSizes = new TreeSet<>();
        for (Long size : weight.keySet()) {
            if (body > 0 && size >= body * 1.15) {
                headingSizes.add(size);
            }
        }
        List<Long> ranked = new ArrayList<>(headingSizes.descendingSet());
        StringBuilder out = new StringBuilder();
        for (PdfReader.ReadPage p : pages) {
            if (out.length() > 0) {
                out.append("\n");
            }
            page(out, p, ranked);
        }
        return out.toString();
    }

    private static void page(StringBuilder out, PdfReader.ReadPage p, List<Long> headingSizes) {
        Page page = p.page();
        List<Line> lines = page.lines();
        List<String> table = new ArrayList<>();
        Line previous = null;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String text = line.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            int level = 0;
            if (!p.sized().isEmpty() && text.length() <= 120) {
                long size = Math.round(p.sized().get(i).fontSize() * 2);
                int rank = headingSizes.indexOf(size);
                if (rank >= 0) {
                    level = Math.min(rank + 1, 4);
                }
            }
            boolean tableRow = level == 0 && COLUMN_GAP.split(text).length >= 3;
            if (!tableRow && !table.isEmpty()) {
                flushTable(out, table);
            }
            boolean gap = previous != null
                    && line.box().y() - previous.box().bottom() > 1.5 * Math.max(4, previous.box().height());
            if (tableRow) {
                if (table.isEmpty() && previous != null) {
                    out.append('\n');
                }
                table.add(text);
            } else if (level > 0) {
                if (previous != null) {
                    out.append('\n');
                }
                out.append("#".repeat(level)).append(' ').append(text).append("\n\n");
                previous = null;
                continue;
            } else if (BULLET.matcher(text).find()) {
                out.append("- ").append(BULLET.matcher(text).replaceFirst("")).append('\n');
            } else {
                if (gap) {
                    out.append('\n');
                }
                out.append(text).append('\n');
            }
            previous = line;
        }
        if (!table.isEmpty()) {
            flushTable(out, table);
        }
    }

    private static void flushTable(StringBuilder out, List<String> rows) {
        if (rows.size() < 2) {
            out.append(rows.get(0)).append('\n');
            rows.clear();
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        for (String row : rows) {
            cells.add(List.of(COLUMN_GAP.split(row.strip())));
        }
        out.append(Markdown.table(cells)).append('\n');
        rows.clear();
    }
}
