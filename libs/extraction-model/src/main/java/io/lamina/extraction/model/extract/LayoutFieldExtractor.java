package io.lamina.extraction.model.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.extraction.model.extract.LineTokens.Token;
import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.layout.Word;
import io.lamina.extraction.model.parse.Dates;
import io.lamina.extraction.model.parse.Text;
import io.lamina.extraction.model.schema.ExtractionSchema;
import io.lamina.extraction.model.schema.FieldSpec;
import io.lamina.extraction.model.schema.FieldType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in extractor: offline and deterministic. For each field it looks for its labels ({@link Labels}) on every
 * line, reads a typed value ({@link TypedValues}) to the right of the label on the same line (the rest of the label's
 * cell, else the next cell) or below it (the cell of the next line under the label), and keeps the best candidate by
 * confidence = label quality × position (right 1.0, below 0.92) × parse quality × OCR word confidence (scaled
 * 0.5–1.0). A label counts fully when it starts a cell or is followed by a colon, at 0.6 otherwise; where labels of
 * two fields overlap (“Total” inside “Total excl. VAT”) the longer one claims the words. Fields no label finds fall
 * back to their pattern anywhere (IBAN, e-mail: 0.6; a currency code or symbol: 0.55; the first date for a document
 * date: 0.5) or, for a vendor name, the first line of the first page (0.5).
 *
 * <p>ARRAY fields are tables: the line where most item-field labels stand is the header; cells of the lines below it
 * (words split at gaps wider than 0.9 × the line height) go to the column whose header they overlap most; a line
 * without any numeric cell continues the previous row's text; a line starting with a total/tax label, a wide gap or
 * the page end ends the table. Documents without a real page geometry (DOCX, HTML, …) are read from their Markdown
 * pipe tables first. CALCULATED fields are computed last.
 */
public final class LayoutFieldExtractor implements FieldExtractor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final double RIGHT = 1.0;
    private static final double BELOW = 0.92;
    private static final Set<String> STOP_WORDS = Set.of("total", "subtotal", "sub", "summe", "zwischensumme", "gesamt",
            "gesamtbetrag", "netto", "brutto", "mwst", "vat", "tax", "ust", "tva", "sous", "ht", "ttc", "excl", "incl",
            "zzgl", "inkl", "plus", "amount", "due", "endbetrag", "rechnungsbetrag", "nettobetrag", "bruttobetrag",
            "betrag", "grand", "balance", "montant", "net", "gst", "sales", "to", "pay", "zu", "zahlen");

    @Override
    public ObjectNode extract(ExtractionSchema schema, List<DocumentLayout> documents) {
        List<Doc> docs = new ArrayList<>();
        for (DocumentLayout layout : documents) {
            docs.add(new Doc(layout));
        }
        Map<String, FieldResult> results = new LinkedHashMap<>();
        Set<LineView> tableLines = new HashSet<>();
        for (FieldSpec field : schema.fields()) {
            if (field.type() == FieldType.ARRAY) {
                results.put(field.name(), array(field, docs, tableLines));
            }
        }
        List<LabelHit> hits = new ArrayList<>();
        for (Doc doc : docs) {
            for (LineView line : doc.lines) {
                if (!tableLines.contains(line)) {
                    hits.addAll(hits(line, schema.fields(), false));
                }
            }
        }
        for (FieldSpec field : schema.fields()) {
            if (field.type() != FieldType.ARRAY && field.type() != FieldType.CALCULATED) {
                results.put(field.name(), scalar(field, docs, hits, tableLines));
            }
        }
        Calculations.apply(schema.fields(), results);
        ObjectNode out = JSON.objectNode();
        for (FieldSpec field : schema.fields()) {
            out.set(field.name(), results.get(field.name()).toJson());
        }
        return out;
    }

    // ---------------------------------------------------------------- documents and lines

    private static final class Doc {
        final DocumentLayout layout;
        final List<LineView> lines = new ArrayList<>();
        final Dates.Order order;
        final boolean geometry;

        Doc(DocumentLayout layout) {
            this.layout = layout;
            StringBuilder all = new StringBuilder();
            for (Page page : layout.pages()) {
                List<Line> pageLines = page.source() == Page.Source.OCR ? VisualRows.of(page) : page.lines();
                for (int i = 0; i < pageLines.size(); i++) {
                    LineView view = new LineView(this, page, pageLines.get(i), lines.size());
                    lines.add(view);
                    all.append(view.text).append('\n');
                }
            }
            Optional<Dates.Order> evidence = Dates.slashOrderEvidence(all.toString());
            String folded = Text.words(all.toString());
            boolean english = (" " + folded + " ").matches(".* (invoice|total|date|amount|receipt) .*");
            boolean german = (" " + folded + " ").matches(".* (rechnung|datum|betrag|summe|mwst) .*");
            this.order = evidence.orElse(english && !german && all.indexOf("$") >= 0 ? Dates.Order.MONTH_FIRST
                    : Dates.Order.DAY_FIRST);
            String mime = layout.mimeType() == null ? "" : layout.mimeType();
            this.geometry = mime.equals("application/pdf") || mime.startsWith("image/");
        }

        String name() {
            return layout.fileName();
        }
    }

    /** A line as text (words joined by single spaces) with each word's character span, tokens and cells. */
    static final class LineView {
        final Doc doc;
        final Page page;
        final int index;
        final String text;
        final List<Word> words;
        final int[] wordStart;
        final int[] wordEnd;
        final List<Token> tokens;
        final double height;
        final List<int[]> cells = new ArrayList<>(); // word index ranges [from, to)

        LineView(Doc doc, Page page, Line line, int index) {
            this.doc = doc;
            this.page = page;
            this.index = index;
            List<Word> ws = new ArrayList<>();
            for (Word w : line.words()) {
                if (!w.text().isBlank()) {
                    ws.add(w);
                }
            }
            if (ws.isEmpty() && line.text() != null && !line.text().isBlank()) {
                ws.add(new Word(line.text().trim(), line.box(), 1.0));
            }
            this.words = ws;
            wordStart = new int[ws.size()];
            wordEnd = new int[ws.size()];
            StringBuilder sb = new StringBuilder();
            List<Double> heights = new ArrayList<>();
            for (int i = 0; i < ws.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                wordStart[i] = sb.length();
                sb.append(ws.get(i).text().trim());
                wordEnd[i] = sb.length();
                heights.add(ws.get(i).box().height());
            }
            text = sb.toString();
            tokens = LineTokens.tokenize(text);
            heights.sort(Double::compare);
            double h = heights.isEmpty() ? (line.box() == null ? 12 : line.box().height()) : heights.get(heights.size() / 2);
            height = Math.max(h, 4);
            int from = 0;
            for (int i = 1; i <= ws.size(); i++) {
                if (i == ws.size() || ws.get(i).box().x() - ws.get(i - 1).box().right() > 0.9 * height) {
                    cells.add(new int[] {from, i});
                    from = i;
                }
            }
        }

        Box box() {
            Box b = null;
            for (Word w : words) {
                b = b == null ? w.box() : b.union(w.box());
            }
            return b;
        }

        double top() {
            Box b = box();
            return b == null ? 0 : b.y();
        }

        double bottom() {
            Box b = box();
            return b == null ? 0 : b.bottom();
        }

        int wordAt(int charPos) {
            for (int i = 0; i < words.size(); i++) {
                if (charPos < wordEnd[i]) {
                    return i;
                }
            }
            return words.size() - 1;
        }

        int cellOf(int word) {
            for (int c = 0; c < cells.size(); c++) {
                if (word >= cells.get(c)[0] && word < cells.get(c)[1]) {
                    return c;
                }
            }
            return cells.size() - 1;
        }

        int cellStart(int c) {
            return wordStart[cells.get(c)[0]];
        }

        int cellEnd(int c) {
            return wordEnd[cells.get(c)[1] - 1];
        }

        Box cellBox(int c) {
            return span(cells.get(c)[0], cells.get(c)[1]);
        }

        Box span(int from, int to) {
            Box b = null;
            for (int i = from; i < to; i++) {
                b = b == null ? words.get(i).box() : b.union(words.get(i).box());
            }
            return b;
        }

        /** The box and mean word confidence of the words covering text[start, end). */
        Located locate(int start, int end) {
            Box b = null;
            double conf = 0;
            int n = 0;
            for (int i = 0; i < words.size(); i++) {
                if (wordEnd[i] > start && wordStart[i] < end) {
                    b = b == null ? words.get(i).box() : b.union(words.get(i).box());
                    conf += words.get(i).confidence();
                    n++;
                }
            }
            return new Located(b, n == 0 ? 1.0 : conf / n);
        }
    }

    record Located(Box box, double confidence) {
    }

    record LabelHit(FieldSpec field, LineView line, int fromToken, int toToken, double weight) {
        int start() {
            return line.tokens.get(fromToken).start();
        }

        int end() {
            return line.tokens.get(toToken - 1).end();
        }

        int length() {
            return toToken - fromToken;
        }

        /** Followed by a colon, or the first token of its cell: then it reads as a label, not a word in a sentence. */
        boolean strong() {
            int e = end();
            while (e < line.text.length() && line.text.charAt(e) == ' ' || e < line.text.length() && ".)#".indexOf(line.text.charAt(e)) >= 0) {
                e++;
            }
            if (e < line.text.length() && line.text.charAt(e) == ':') {
                return true;
            }
            int word = line.wordAt(start());
            int cell = line.cellOf(word);
            return line.cellStart(cell) == start() || line.cellStart(cell) == start() - 1;
        }
    }

    private static List<LabelHit> hits(LineView line, List<FieldSpec> fields, boolean inItem) {
        List<LabelHit> all = new ArrayList<>();
        boolean ocr = line.page.source() == Page.Source.OCR;
        for (FieldSpec field : fields) {
            if (field.type() == FieldType.CALCULATED || field.type() == FieldType.ARRAY) {
                continue;
            }
            for (Labels.Label label : Labels.of(field, inItem)) {
                int k = label.tokens().size();
                for (int i = 0; i + k <= line.tokens.size(); i++) {
                    double sim = 1.0;
                    for (int j = 0; j < k && sim > 0; j++) {
                        String token = line.tokens.get(i + j).text();
                        String want = label.tokens().get(j);
                        sim = Math.min(sim, ocr ? LineTokens.similarity(token, want) : token.equals(want) ? 1.0 : 0.0);
                    }
                    if (sim > 0 && line.cellOf(line.wordAt(line.tokens.get(i).start()))
                            == line.cellOf(line.wordAt(line.tokens.get(i + k - 1).start()))) {
                        all.add(new LabelHit(field, line, i, i + k, label.weight() * sim));
                    }
                }
            }
        }
        List<LabelHit> kept = new ArrayList<>();
        for (LabelHit h : all) {
            boolean beaten = false;
            for (LabelHit o : all) {
                if (o != h && o.fromToken() < h.toToken() && h.fromToken() < o.toToken()
                        && (o.length() > h.length() || o.length() == h.length() && o.field() == h.field()
                        && (o.weight() > h.weight() || o.weight() == h.weight() && all.indexOf(o) < all.indexOf(h)))) {
                    beaten = true;
                    break;
                }
            }
            if (!beaten) {
                kept.add(h);
            }
        }
        return kept;
    }

    // ---------------------------------------------------------------- scalar fields

    private record Candidate(FieldResult result, double score) {
    }

    private FieldResult scalar(FieldSpec field, List<Doc> docs, List<LabelHit> hits, Set<LineView> tableLines) {
        Candidate best = null;
        for (LabelHit hit : hits) {
            if (hit.field() != field) {
                continue;
            }
            boolean strong = hit.strong();
            if (!strong && hit.weight() < Labels.of(field, false).stream().filter(l -> l.tokens().size() == hit.length())
                    .mapToDouble(Labels.Label::weight).max().orElse(1.0)) {
                continue; // an OCR near-miss inside running text ("Supplies" for "supplier") is no label
            }
            double labelQuality = hit.weight() * (strong ? 1.0 : 0.6);
            for (Candidate c : valuesNear(field, hit, hits, labelQuality, tableLines)) {
                if (best == null || c.score() > best.score() + 1e-9) {
                    best = c;
                }
            }
        }
        if (best == null) {
            best = fallback(field, docs, tableLines);
        }
        return best == null ? FieldResult.missing(field) : best.result();
    }

    private List<Candidate> valuesNear(FieldSpec field, LabelHit hit, List<LabelHit> hits, double labelQuality,
                                       Set<LineView> tableLines) {
        List<Candidate> out = new ArrayList<>();
        LineView line = hit.line();
        int labelWordEnd = line.wordAt(hit.end() - 1);
        int cell = line.cellOf(labelWordEnd);
        int from = hit.end();
        int to = line.cellEnd(cell);
        int stop = nextLabel(line, hits, hit, from, to);
        String right = from < stop ? line.text.substring(from, stop) : "";
        int nextFrom = -1;
        int nextStop = -1;
        if (cell + 1 < line.cells.size() && stop == to) {
            nextFrom = line.cellStart(cell + 1);
            LineCell next = new LineCell(line, nextFrom, line.cellEnd(cell + 1));
            nextStop = startsWithLabel(next, hits) ? -1 : nextLabel(line, hits, hit, nextFrom, line.cellEnd(cell + 1));
        }
        if (right.replaceAll("[\\s:#.\\-–|]", "").isEmpty() && nextStop > nextFrom) {
            from = nextFrom;
            stop = nextStop;
            right = line.text.substring(from, stop);
            nextStop = -1;
        }
        if (field.type() == FieldType.ADDRESS || field.type() == FieldType.TEXTAREA) {
            if (!right.isBlank()) {
                Located at = line.locate(from, stop);
                List<LineCell> block = new ArrayList<>();
                block.add(new LineCell(line, from, stop));
                block.addAll(blockBelow(line, at.box(), hits, tableLines, 5));
                multiLine(field, block, labelQuality * RIGHT).ifPresent(out::add);
            }
            Box labelBox = line.locate(hit.start(), hit.end()).box();
            List<LineCell> below = blockBelow(line, labelBox, hits, tableLines, 6);
            if (!below.isEmpty()) {
                multiLine(field, below, labelQuality * BELOW).ifPresent(out::add);
            }
            return out;
        }
        if (!right.isBlank()) {
            single(field, line, from, right, labelQuality * RIGHT).ifPresent(out::add);
        }
        if (out.isEmpty() && nextStop > nextFrom && field.type() != FieldType.TEXT) {
            single(field, line, nextFrom, line.text.substring(nextFrom, nextStop), labelQuality * RIGHT * 0.97).ifPresent(out::add);
        }
        if (out.isEmpty()) {
            Box labelBox = line.locate(hit.start(), hit.end()).box();
            LineCell below = cellBelow(line, labelBox, tableLines);
            if (below != null && !startsWithLabel(below, hits)) {
                single(field, below.line(), below.start(), below.line().text.substring(below.start(), below.end()),
                        labelQuality * BELOW).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Where the value region ends: at the next strong label of any field after {@code from}. */
    private static int nextLabel(LineView line, List<LabelHit> hits, LabelHit self, int from, int to) {
        int stop = to;
        for (LabelHit h : hits) {
            if (h.line() == line && h != self && h.start() >= from && h.start() < stop && h.strong()
                    && h.fromToken() >= self.toToken() && !(h.field() == self.field() && h.start() == from)) {
                if (h.start() > from || h.field() != self.field()) {
                    stop = h.start() > from ? h.start() : stop;
                }
            }
        }
        return stop;
    }

    private Optional<Candidate> single(FieldSpec field, LineView line, int offset, String text, double quality) {
        Optional<TypedValues.Read> read = TypedValues.read(field, text, line.doc.order);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        TypedValues.Read r = read.get();
        int start = offset + r.start();
        int end = offset + r.end();
        Located at = line.locate(start, end);
        double score = quality * r.quality() * (0.5 + 0.5 * at.confidence());
        String quote = line.text.substring(start, end).trim();
        return Optional.of(new Candidate(new FieldResult(field, r.value(), score, List.of(quote), line.doc.name(),
                line.page.number(), at.box()), score));
    }

    record LineCell(LineView line, int start, int end) {
        String text() {
            return line.text.substring(start, end);
        }
    }

    private Optional<Candidate> multiLine(FieldSpec field, List<LineCell> block, double quality) {
        List<String> texts = new ArrayList<>();
        for (LineCell c : block) {
            texts.add(c.text().replaceFirst("^[\\s:#.\\-–|]+", "").trim());
        }
        if (field.type() == FieldType.TEXTAREA) {
            Optional<TypedValues.Read> r = TypedValues.read(field, String.join("\n", texts), block.get(0).line().doc.order);
            if (r.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(blockCandidate(field, block, 0, block.size(), r.get().value(), quality * r.get().quality()));
        }
        List<String> parts = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (String p : texts.get(i).split("\\s*[,;]\\s*")) {
                parts.add(p);
                owner.add(i);
            }
        }
        Optional<TypedValues.Read> r = TypedValues.address(field, parts);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        int first = owner.get(r.get().start());
        int last = owner.get(r.get().end() - 1) + 1;
        return Optional.of(blockCandidate(field, block, first, last, r.get().value(), quality * r.get().quality()));
    }

    private Candidate blockCandidate(FieldSpec field, List<LineCell> block, int from, int to, JsonNode value, double quality) {
        Box box = null;
        double conf = 0;
        List<String> quotes = new ArrayList<>();
        for (LineCell c : block.subList(from, to)) {
            Located at = c.line().locate(c.start(), c.end());
            box = box == null ? at.box() : at.box() == null ? box : box.union(at.box());
            conf += at.confidence();
            quotes.add(c.text().trim());
        }
        double score = quality * (0.5 + 0.5 * conf / (to - from));
        LineView first = block.get(from).line();
        return new Candidate(new FieldResult(field, value, score, quotes, first.doc.name(), first.page.number(), box), score);
    }

    /** The cell of the nearest line below {@code line} (same page, within 2.5 line heights) overlapping {@code box}. */
    private static LineCell cellBelow(LineView line, Box box, Set<LineView> tableLines) {
        if (box == null) {
            return null;
        }
        List<LineView> lines = line.doc.lines;
        for (int i = line.index + 1; i < lines.size(); i++) {
            LineView next = lines.get(i);
            if (next.page != line.page || next.top() - line.bottom() > 2.5 * line.height) {
                return null;
            }
            if (next.words.isEmpty() || next.top() < line.bottom() - line.height * 0.3 || tableLines.contains(next)) {
                continue;
            }
            int bestCell = -1;
            double bestOverlap = 0;
            double left = box.x();
            double right = Math.max(box.right(), box.x() + 40);
            for (int c = 0; c < next.cells.size(); c++) {
                Box cb = next.cellBox(c);
                double overlap = Math.min(right, cb.right()) - Math.max(left, cb.x());
                if (overlap > bestOverlap) {
                    bestOverlap = overlap;
                    bestCell = c;
                }
            }
            if (bestCell >= 0) {
                return new LineCell(next, next.cellStart(bestCell), next.cellEnd(bestCell));
            }
        }
        return null;
    }

    /** Cells stacked under {@code box}, each at most 1.8 line heights below the previous one, up to {@code max}. */
    private static List<LineCell> blockBelow(LineView line, Box box, List<LabelHit> hits, Set<LineView> tableLines, int max) {
        List<LineCell> block = new ArrayList<>();
        LineView current = line;
        Box anchor = box;
        while (block.size() < max && anchor != null) {
            LineCell next = cellBelow(current, anchor, tableLines);
            if (next == null || next.line().top() - current.bottom() > 1.8 * current.height || startsWithLabel(next, hits)) {
                break;
            }
            block.add(next);
            current = next.line();
            anchor = next.line().locate(next.start(), next.end()).box();
        }
        return block;
    }

    private static boolean startsWithLabel(LineCell cell, List<LabelHit> hits) {
        for (LabelHit h : hits) {
            if (h.line() == cell.line() && h.start() >= cell.start() && h.start() <= cell.start() + 1 && h.strong()
                    && h.weight() >= 0.85) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- fallbacks

    private Candidate fallback(FieldSpec field, List<Doc> docs, Set<LineView> tableLines) {
        String concept = Labels.conceptName(field, false);
        double base;
        switch (field.type()) {
            case IBAN, EMAIL -> base = 0.6;
            case CURRENCY_CODE -> base = 0.55;
            case DATE -> base = concept == null || concept.equals("invoice date") ? 0.5 : 0;
            case TEXT -> base = "vendor".equals(concept) ? 0.5 : 0;
            default -> base = 0;
        }
        if (base == 0) {
            return null;
        }
        for (Doc doc : docs) {
            for (LineView line : doc.lines) {
                if (tableLines.contains(line) && field.type() != FieldType.CURRENCY_CODE) {
                    continue;
                }
                if (field.type() == FieldType.TEXT) {
                    if (line.page.number() == 1 && !line.text.isBlank()) {
                        int c0 = 0;
                        return single(field, line, line.cellStart(c0), line.text.substring(line.cellStart(c0), line.cellEnd(c0)), base)
                                .orElse(null);
                    }
                    continue;
                }
                Optional<Candidate> c = single(field, line, 0, line.text, base);
                if (c.isPresent()) {
                    return c.get();
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- tables

    private FieldResult array(FieldSpec field, List<Doc> docs, Set<LineView> tableLines) {
        ArrayNode items = JSON.arrayNode();
        double confidence = 0;
        int n = 0;
        String source = null;
        Integer page = null;
        Box box = null;
        for (Doc doc : docs) {
            List<Map<String, FieldResult>> rows = new ArrayList<>();
            if (!doc.geometry) {
                rows = MarkdownTables.rows(field, doc.layout, doc.order);
            }
            if (rows.isEmpty()) {
                rows = layoutRows(field, doc, tableLines);
            }
            if (rows.isEmpty() && doc.geometry) {
                rows = MarkdownTables.rows(field, doc.layout, doc.order);
            }
            for (Map<String, FieldResult> row : rows) {
                Calculations.apply(field.fields(), row);
                ObjectNode item = JSON.objectNode();
                double rowConf = 1;
                for (FieldSpec f : field.fields()) {
                    FieldResult r = row.getOrDefault(f.name(), FieldResult.missing(f));
                    item.set(f.name(), r.toJson());
                    if (f.type() != FieldType.CALCULATED) {
                        rowConf = Math.min(rowConf, r.found() ? r.confidence() : (f.required() ? 0 : 1));
                    }
                    if (r.box() != null) {
                        if (source == null) {
                            source = r.source();
                            page = r.page();
                        }
                        if (doc.name() != null && doc.name().equals(source) && page != null && page.equals(r.page())) {
                            box = box == null ? r.box() : box.union(r.box());
                        }
                    }
                    if (source == null && r.source() != null) {
                        source = r.source();
                    }
                }
                items.add(item);
                confidence += rowConf;
                n++;
            }
        }
        if (n == 0) {
            FieldResult missing = FieldResult.missing(field);
            return new FieldResult(field, JSON.arrayNode(), 0.0, List.of(), null, null, null);
        }
        return new FieldResult(field, items, confidence / n, List.of(), source, page, box);
    }

    private record Column(FieldSpec field, double left, double right) {
    }

    private List<Map<String, FieldResult>> layoutRows(FieldSpec array, Doc doc, Set<LineView> tableLines) {
        List<Map<String, FieldResult>> rows = new ArrayList<>();
        List<FieldSpec> columns = array.fields().stream().filter(f -> f.type() != FieldType.CALCULATED).toList();
        int i = 0;
        while (i < doc.lines.size()) {
            LineView line = doc.lines.get(i);
            List<Column> header = header(line, columns);
            if (header == null) {
                i++;
                continue;
            }
            tableLines.add(line);
            Map<String, FieldResult> last = null;
            LineView previous = line;
            int skipped = 0;
            int j = i + 1;
            for (; j < doc.lines.size(); j++) {
                LineView row = doc.lines.get(j);
                if (row.page != line.page || row.top() - previous.bottom() > 3 * previous.height || stopLine(row)) {
                    break;
                }
                Map<String, String> cellText = new LinkedHashMap<>();
                Map<String, int[]> cellSpan = new LinkedHashMap<>();
                for (int c = 0; c < row.cells.size(); c++) {
                    Column col = columnOf(row.cellBox(c), header);
                    if (col == null) {
                        continue;
                    }
                    int[] span = cellSpan.get(col.field().name());
                    cellSpan.put(col.field().name(), span == null ? new int[] {row.cellStart(c), row.cellEnd(c)}
                            : new int[] {span[0], row.cellEnd(c)});
                }
                Map<String, FieldResult> item = new LinkedHashMap<>();
                boolean numeric = false;
                for (Column col : header) {
                    int[] span = cellSpan.get(col.field().name());
                    if (span == null) {
                        continue;
                    }
                    String text = row.text.substring(span[0], span[1]);
                    cellText.put(col.field().name(), text);
                    Optional<Candidate> c = single(col.field(), row, span[0], text, 1.0);
                    if (c.isPresent()) {
                        item.put(col.field().name(), c.get().result());
                        numeric |= col.field().type().numeric();
                    }
                }
                boolean hasNumericColumn = header.stream().anyMatch(c -> c.field().type().numeric());
                if (numeric || !hasNumericColumn && !item.isEmpty()) {
                    rows.add(item);
                    last = item;
                    tableLines.add(row);
                    skipped = 0;
                } else if (last != null && !cellText.isEmpty() && row.top() - previous.bottom() < 1.6 * previous.height) {
                    continueText(last, cellText, row, doc);
                    tableLines.add(row);
                } else if (last == null && skipped == 0) {
                    skipped++;
                } else {
                    break;
                }
                previous = row;
            }
            i = j;
        }
        return rows;
    }

    private void continueText(Map<String, FieldResult> last, Map<String, String> cellText, LineView row, Doc doc) {
        for (Map.Entry<String, String> e : cellText.entrySet()) {
            FieldResult r = last.get(e.getKey());
            if (r == null || !r.value().isTextual() || (r.field().type() != FieldType.TEXT && r.field().type() != FieldType.TEXTAREA)) {
                continue;
            }
            String more = e.getValue().trim();
            String joined = r.value().textValue() + (r.field().type() == FieldType.TEXTAREA ? "\n" : " ") + more;
            if (r.field().maxLength() != null && joined.length() > r.field().maxLength()) {
                continue;
            }
            List<String> quotes = new ArrayList<>(r.citations());
            quotes.add(more);
            Box b = row.locate(row.text.indexOf(more), row.text.indexOf(more) + more.length()).box();
            last.put(e.getKey(), new FieldResult(r.field(), JSON.textNode(joined), r.confidence(), quotes, r.source(),
                    r.page(), r.box() == null ? b : b == null ? r.box() : r.box().union(b)));
        }
    }

    /** The columns of a header line: at least two item fields, each claiming its own words. */
    private static List<Column> header(LineView line, List<FieldSpec> columns) {
        List<LabelHit> hits = hits(line, columns, true);
        hits.sort((a, b) -> a.length() != b.length() ? Integer.compare(b.length(), a.length()) : Double.compare(b.weight(), a.weight()));
        Set<Integer> used = new HashSet<>();
        Map<FieldSpec, Column> chosen = new LinkedHashMap<>();
        for (LabelHit h : hits) {
            if (chosen.containsKey(h.field()) || h.weight() < 0.85) {
                continue;
            }
            boolean free = true;
            for (int t = h.fromToken(); t < h.toToken(); t++) {
                free &= !used.contains(t);
            }
            if (!free) {
                continue;
            }
            for (int t = h.fromToken(); t < h.toToken(); t++) {
                used.add(t);
            }
            Box b = line.locate(h.start(), h.end()).box();
            chosen.put(h.field(), new Column(h.field(), b.x(), b.right()));
        }
        int need = Math.min(columns.size(), 2);
        if (chosen.size() < need || chosen.size() < 2 && columns.size() > 1) {
            return null;
        }
        // a header is mostly labels: few tokens left over
        if (line.tokens.size() - used.size() > used.size() + 2) {
            return null;
        }
        List<Column> out = new ArrayList<>(chosen.values());
        out.sort((a, b) -> Double.compare(a.left(), b.left()));
        return out;
    }

    private static Column columnOf(Box cell, List<Column> header) {
        Column best = null;
        double bestOverlap = 0;
        for (Column c : header) {
            double overlap = Math.min(cell.right(), c.right()) - Math.max(cell.x(), c.left());
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = c;
            }
        }
        if (best != null) {
            return best;
        }
        double bestDistance = Double.MAX_VALUE;
        for (Column c : header) {
            double d = cell.right() < c.left() ? c.left() - cell.right() : cell.x() - c.right();
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance < 80 ? best : null;
    }

    /** A total, tax or similar line: its first cell is stop words, numbers and currency signs only. */
    static boolean stopLine(LineView row) {
        if (row.cells.isEmpty()) {
            return false;
        }
        List<Token> tokens = LineTokens.tokenize(row.text.substring(row.cellStart(0), row.cellEnd(0)));
        if (tokens.isEmpty() || !STOP_WORDS.contains(tokens.get(0).text())) {
            return false;
        }
        for (Token t : tokens) {
            if (!STOP_WORDS.contains(t.text()) && !t.text().matches("\\d+|eur|usd|gbp|chf") ) {
                return false;
            }
        }
        return true;
    }
}
