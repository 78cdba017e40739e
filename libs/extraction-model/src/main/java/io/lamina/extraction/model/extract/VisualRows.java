package io.lamina.extraction.model.extract;

import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.layout.Word;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * OCR engines read a page block by block (a column of labels, then a column of amounts), so one visual row of a form
 * or table arrives as several lines. The extractor needs rows: this regroups a page's words into rows, left to right,
 * each word joining the row whose last word is to its left and nearest in height (within 0.6 word heights); comparing
 * with the nearest word rather than the row's first keeps a slightly rotated scan's rows together.
 */
final class VisualRows {

    private VisualRows() {
    }

    static List<Line> of(Page page) {
        List<Word> words = new ArrayList<>();
        for (Line line : page.lines()) {
            for (Word w : line.words()) {
                if (w.box() != null && !w.text().isBlank()) {
                    words.add(w);
                }
            }
        }
        words.sort(Comparator.comparingDouble((Word w) -> w.box().x()));
        List<List<Word>> rows = new ArrayList<>();
        for (Word w : words) {
            List<Word> best = null;
            double bestDy = Double.MAX_VALUE;
            double center = w.box().y() + w.box().height() / 2;
            for (List<Word> row : rows) {
                Word last = row.get(row.size() - 1);
                if (last.box().right() > w.box().x() + 2) {
                    continue;
                }
                double dy = Math.abs(last.box().y() + last.box().height() / 2 - center);
                double limit = 0.6 * Math.max(last.box().height(), w.box().height());
                if (dy < limit && dy < bestDy) {
                    best = row;
                    bestDy = dy;
                }
            }
            if (best == null) {
                best = new ArrayList<>();
                rows.add(best);
            }
            best.add(w);
        }
        rows.sort(Comparator.comparingDouble((List<Word> r) -> r.get(0).box().y() + r.get(0).box().height() / 2));
        List<Line> lines = new ArrayList<>();
        for (List<Word> row : rows) {
            StringBuilder text = new StringBuilder();
            Box box = null;
            for (Word w : row) {
                text.append(text.length() == 0 ? "" : " ").append(w.text());
                box = box == null ? w.box() : box.union(w.box());
            }
            lines.add(new Line(text.toString(), box, List.copyOf(row)));
        }
        return lines;
    }
}
