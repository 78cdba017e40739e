package io.lamina.extraction.read;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DOCX with POI's XWPF (under {@code ZipSecureFile}'s limits): paragraphs in body order, "Heading N"/"Title" styles
 * as {@code #} headings, numbered and bulleted paragraphs as list items (ordered when the numbering format is
 * decimal or a letter), tables as Markdown tables, headers and footers left out.
 */
final class DocxReader {

    private DocxReader() {
    }

    static String markdown(byte[] bytes, ReadBudget budget) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            StringBuilder out = new StringBuilder();
            Map<BigInteger, Integer> counters = new HashMap<>();
            for (IBodyElement element : doc.getBodyElements()) {
                budget.check();
                if (element instanceof XWPFParagraph p) {
                    paragraph(p, out, counters);
                } else if (element instanceof XWPFTable t) {
                    out.append('\n').append(Markdown.table(rows(t))).append('\n');
                }
                budget.checkText(out.length());
            }
            return out.toString().replaceAll("\\n{3,}", "\n\n").strip() + "\n";
        }
    }

    private static void paragraph(XWPFParagraph p, StringBuilder out, Map<BigInteger, Integer> counters) {
        String text = p.getText().replace('\u00A0', ' ').strip();
        if (text.isEmpty()) {
            return;
        }
        int heading = headingLevel(p.getStyle(), p.getDocument() == null ? null : styleName(p));
        if (heading > 0) {
            out.append('\n').append("#".repeat(heading)).append(' ').append(text.replace('\n', ' ')).append("\n\n");
            return;
        }
        BigInteger numId = p.getNumID();
        if (numId != null) {
            int level = p.getNumIlvl() == null ? 0 : p.getNumIlvl().intValue();
            String format = p.getNumFmt();
            boolean ordered = format != null && !format.equalsIgnoreCase("bullet") && !format.equalsIgnoreCase("none");
            String indent = "  ".repeat(Math.min(level, 6));
            if (ordered) {
                int n = counters.merge(numId.add(BigInteger.valueOf(level * 100000L)), 1, Integer::sum);
                out.append(indent).append(n).append(". ").append(text).append('\n');
            } else {
                out.append(indent).append("- ").append(text).append('\n');
            }
            return;
        }
        out.append('\n').append(text).append("\n\n");
    }

    private static String styleName(XWPFParagraph p) {
        String id = p.getStyleID();
        if (id == null || p.getDocument().getStyles() == null) {
            return null;
        }
        var style = p.getDocument().getStyles().getStyle(id);
        return style == null ? null : style.getName();
    }

    static int headingLevel(String styleId, String styleName) {
        for (String s : new String[] {styleName, styleId}) {
            if (s == null) {
                continue;
            }
            String lower = s.toLowerCase(Locale.ROOT).replace(" ", "");
            if (lower.equals("title")) {
                return 1;
            }
            if (lower.startsWith("heading") && lower.length() > 7) {
                try {
                    return Math.min(6, Math.max(1, Integer.parseInt(lower.substring(7))));
                } catch (NumberFormatException ignored) {
                    // not a numbered heading style
                }
            }
        }
        return 0;
    }

    private static List<List<String>> rows(XWPFTable table) {
        List<List<String>> rows = new ArrayList<>();
        for (XWPFTableRow row : table.getRows()) {
            List<String> cells = new ArrayList<>();
            for (XWPFTableCell cell : row.getTableCells()) {
                cells.add(cell.getText().replace('\u00A0', ' ').strip());
            }
            rows.add(cells);
        }
        return rows;
    }
}
