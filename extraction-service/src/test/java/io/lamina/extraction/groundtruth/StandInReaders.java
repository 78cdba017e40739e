package io.lamina.extraction.groundtruth;

import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.layout.Word;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Test-only stand-ins for the extraction-docs engineer's readers (io.lamina.extraction.read.DocumentReaders), used
 * until those are merged: PDF text positions → lines and words; DOCX paragraphs and table rows → lines in a notional
 * layout (12 pt per line) plus Markdown with pipe tables.
 */
final class StandInReaders {

    private StandInReaders() {
    }

    static DocumentLayout pdf(String name, byte[] bytes) throws IOException {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            List<Page> pages = new ArrayList<>();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                List<TextPosition> positions = new ArrayList<>();
                PDFTextStripper stripper = new PDFTextStripper() {
                    @Override
                    protected void writeString(String text, List<TextPosition> textPositions) {
                        positions.addAll(textPositions);
                    }
                };
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                stripper.getText(doc);
                var mediaBox = doc.getPage(p - 1).getMediaBox();
                pages.add(new Page(p, mediaBox.getWidth(), mediaBox.getHeight(), lines(positions), Page.Source.TEXT));
            }
            return new DocumentLayout(name, "application/pdf", pages, "");
        }
    }

    private static List<Line> lines(List<TextPosition> positions) {
        positions.sort(Comparator.comparingDouble(TextPosition::getYDirAdj).thenComparingDouble(TextPosition::getXDirAdj));
        List<List<TextPosition>> rows = new ArrayList<>();
        for (TextPosition tp : positions) {
            List<TextPosition> last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && Math.abs(last.get(0).getYDirAdj() - tp.getYDirAdj()) < 2) {
                last.add(tp);
            } else {
                List<TextPosition> row = new ArrayList<>();
                row.add(tp);
                rows.add(row);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (List<TextPosition> row : rows) {
            row.sort(Comparator.comparingDouble(TextPosition::getXDirAdj));
            List<Word> words = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            Box box = null;
            double prevRight = -1;
            for (TextPosition tp : row) {
                String s = tp.getUnicode();
                double x = tp.getXDirAdj();
                double h = tp.getHeightDir();
                Box b = new Box(x, tp.getYDirAdj() - h, tp.getWidthDirAdj(), h);
                boolean gap = prevRight >= 0 && x - prevRight > 0.15 * tp.getFontSizeInPt();
                if (s.isBlank() || gap) {
                    if (text.length() > 0) {
                        words.add(new Word(text.toString(), box, 1.0));
                        text.setLength(0);
                        box = null;
                    }
                    if (s.isBlank()) {
                        prevRight = x + tp.getWidthDirAdj();
                        continue;
                    }
                }
                text.append(s);
                box = box == null ? b : box.union(b);
                prevRight = x + tp.getWidthDirAdj();
            }
            if (text.length() > 0) {
                words.add(new Word(text.toString(), box, 1.0));
            }
            if (words.isEmpty()) {
                continue;
            }
            Box lineBox = words.get(0).box();
            StringBuilder lineText = new StringBuilder();
            for (Word w : words) {
                lineBox = lineBox.union(w.box());
                lineText.append(lineText.length() == 0 ? "" : " ").append(w.text());
            }
            lines.add(new Line(lineText.toString(), lineBox, words));
        }
        return lines;
    }

    static DocumentLayout docx(String name, byte[] bytes) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            List<Line> lines = new ArrayList<>();
            StringBuilder markdown = new StringBuilder();
            for (IBodyElement element : doc.getBodyElements()) {
                if (element instanceof XWPFParagraph p) {
                    add(lines, p.getText());
                    markdown.append(p.getText()).append("\n\n");
                } else if (element instanceof XWPFTable t) {
                    boolean first = true;
                    for (XWPFTableRow row : t.getRows()) {
                        List<String> cells = new ArrayList<>();
                        row.getTableCells().forEach(c -> cells.add(c.getText()));
                        add(lines, String.join(" ", cells));
                        markdown.append("| ").append(String.join(" | ", cells)).append(" |\n");
                        if (first) {
                            markdown.append("|").append("---|".repeat(cells.size())).append("\n");
                            first = false;
                        }
                    }
                    markdown.append("\n");
                }
            }
            return new DocumentLayout(name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    List.of(new Page(1, 595, Math.max(842, lines.size() * 12.0), lines, Page.Source.TEXT)), markdown.toString());
        }
    }

    /** One line in a notional layout: 12 pt high, words spaced by 6 pt per character. */
    private static void add(List<Line> lines, String text) {
        if (text.isBlank()) {
            return;
        }
        double y = lines.size() * 12.0;
        List<Word> words = new ArrayList<>();
        double x = 0;
        for (String w : text.trim().split("\\s+")) {
            words.add(new Word(w, new Box(x, y, w.length() * 6.0, 10), 1.0));
            x += (w.length() + 1) * 6.0;
        }
        lines.add(new Line(text.trim(), new Box(0, y, x, 10), words));
    }
}
