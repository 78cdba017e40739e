package io.lamina.docgen.render.pptx;

import io.lamina.docgen.render.OfficeProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.ErrorInfo;
import io.lamina.docgen.model.BundledFonts;
import io.lamina.docgen.model.DocumentDefaults;
import io.lamina.docgen.render.Assets;
import io.lamina.docgen.render.CodeImages;
import io.lamina.docgen.render.Layout;
import io.lamina.docgen.render.Pictures;
import io.lamina.docgen.render.RenderLimits;
import io.lamina.docgen.render.TextLook;
import io.lamina.ops.runtime.OperationException;
import org.apache.poi.sl.usermodel.AutoNumberingScheme;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.sl.usermodel.PlaceableShape;
import org.apache.poi.sl.usermodel.ShapeType;
import org.apache.poi.sl.usermodel.TabStop;
import org.apache.poi.sl.usermodel.TableCell.BorderEdge;
import org.apache.poi.sl.usermodel.TextParagraph.TextAlign;
import org.apache.poi.sl.usermodel.VerticalAlignment;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFAutoShape;
import org.apache.poi.xslf.usermodel.XSLFConnectorShape;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The document model to a PPTX presentation with Apache POI (XSLF): every page-break section starts a slide; blocks
 * are stacked top to bottom as text boxes, tables, pictures and lines; what does not fit continues on a follow-on
 * slide (paragraphs between words, lists between items, tables between rows with the header row repeated, other
 * blocks whole). Heights are measured with POI's own text layout. The header and footer are drawn on every slide,
 * with {@code page-number} counting slides.
 */
public final class PptxRenderer {

    public static final String MIME_TYPE =
            "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /** PowerPoint's default 16:9 slide, used when the document gives no page size. */
    static final double WIDE_WIDTH = 960;
    static final double WIDE_HEIGHT = 540;
    static final double SLIDE_MARGIN = 36;

    /** Writes the presentation; returns the number of slides. */
    public int render(JsonNode document, Assets assets, RenderLimits limits, OutputStream out) throws IOException {
        try (XMLSlideShow ppt = new XMLSlideShow()) {
            Deck deck = new Deck(ppt, new Layout(document), assets, limits);
            deck.build();
            ppt.write(out);
            return ppt.getSlides().size();
        }
    }

    /** Where blocks are drawn: a slide, a left edge and a width; the shapes drawn are collected. */
    private record Frame(XSLFSlide slide, double x, double width, List<XSLFShape> created) {
    }

    /** Content split into units (words, list items, contents entries) that can be divided between slides. */
    private interface Units {
        int size();

        /** Fills a new text box with the units [from, to). */
        void fill(XSLFTextBox box, int from, int to);

        double spaceAfter();
    }

    private static final class Deck {
        private final XMLSlideShow ppt;
        private final Layout layout;
        private final Assets assets;
        private final RenderLimits limits;
        private final double width;
        private final double height;
        private final double top;
        private final double bottom;
        private final double left;
        private final double right;
        private final Map<Integer, XSLFSlide> headlineSlides = new HashMap<>();
        private final List<Object[]> tocLinks = new ArrayList<>();
        private List<Object[]> pendingToc = new ArrayList<>();
        private XSLFSlide slide;
        private double y;
        private boolean empty;
        private int headlines;
        private int[] pageNumbers;

        Deck(XMLSlideShow ppt, Layout layout, Assets assets, RenderLimits limits) {
            this.ppt = ppt;
            this.layout = layout;
            this.assets = assets;
            this.limits = limits;
            JsonNode page = layout.document.path("page");
            if (page.has("size")) {
                width = layout.page.width();
                height = layout.page.height();
            } else if ("portrait".equals(page.path("orientation").asText())) {
                width = WIDE_HEIGHT;
                height = WIDE_WIDTH;
            } else {
                width = WIDE_WIDTH;
                height = WIDE_HEIGHT;
            }
            JsonNode m = page.path("margins");
            boolean header = layout.document.path("header").size() > 0;
            boolean footer = layout.document.path("footer").size() > 0;
            top = m.path("top_in_pt").asDouble(header ? DocumentDefaults.MARGIN_PT : SLIDE_MARGIN);
            bottom = m.path("bottom_in_pt").asDouble(footer ? DocumentDefaults.MARGIN_PT : SLIDE_MARGIN);
            left = m.path("left_in_pt").asDouble(SLIDE_MARGIN);
            right = m.path("right_in_pt").asDouble(SLIDE_MARGIN);
        }

        void build() {
            ppt.setPageSize(new Dimension((int) Math.round(width), (int) Math.round(height)));
            metadata();
            newSlide();
            JsonNode content = layout.document.path("content");
            for (int i = 0; i < content.size(); i++) {
                limits.checkTime();
                flow(content.get(i), "document.content[" + i + "]");
            }
            edges();
            for (Object[] link : tocLinks) {
                XSLFSlide target = headlineSlides.get((Integer) link[2]);
                if (target != null) {
                    ((XSLFTextRun) link[1]).setText(Integer.toString(target.getSlideNumber()));
                    ((XSLFTextRun) link[0]).createHyperlink().linkToSlide(target);
                }
            }
        }

        private void metadata() {
            OfficeProperties.fill(ppt.getProperties(), layout);
        }

        private void newSlide() {
            if (ppt.getSlides().size() >= limits.maxPages()) {
                throw new OperationException(ErrorInfo.permanent("limit_exceeded", "the presentation has more "
                        + "than " + limits.maxPages() + " slides (lamina.docgen.max-pages)"));
            }
            slide = ppt.createSlide();
            String background = layout.backgroundColor();
            if (background != null) {
                slide.getBackground().setFillColor(color(background));
            }
            y = top;
            empty = true;
        }

        private double contentBottom() {
            return height - bottom;
        }

        private Frame frame() {
            return new Frame(slide, left, width - left - right, new ArrayList<>());
        }

        // ---- flowing top-level blocks across slides

        private void flow(JsonNode block, String path) {
            switch (block.path("type").asText()) {
                case "page-break" -> {
                    if (!empty) {
                        newSlide();
                    }
                }
                case "paragraph" -> flowUnits(paragraphUnits(block));
                case "list" -> flowUnits(listUnits(block));
                case "table-of-contents" -> flowUnits(tocUnits(block, width - left - right));
                case "table" -> flowTable(block);
                case "headline" -> {
                    // keep a headline with at least three lines of what follows it
                    double reserve = layout.text(null).size() * 1.35 * 3;
                    atomic(block, path, reserve);
                    headlineSlides.put(headlines++, slide);
                }
                default -> atomic(block, path, 0);
            }
        }

        private void atomic(JsonNode block, String path, double reserve) {
            Frame f = frame();
            double h = draw(f, block, path, y);
            if (y + h + reserve > contentBottom() && !empty) {
                f.created.forEach(slide::removeShape);
                newSlide();
                f = frame();
                h = draw(f, block, path, y);
            }
            y += h;
            empty = false;
        }

        private void flowUnits(Units units) {
            int from = 0;
            while (from < units.size()) {
                limits.checkTime();
                double available = contentBottom() - y;
                Frame f = frame();
                pendingToc = new ArrayList<>();
                XSLFTextBox box = textBox(f, y);
                units.fill(box, from, units.size());
                double h = fit(box);
                if (h <= available) {
                    tocLinks.addAll(pendingToc);
                    y += h + units.spaceAfter();
                    empty = false;
                    return;
                }
                slide.removeShape(box);
                int lo = from;
                int hi = units.size();
                while (hi - lo > 1) {
                    int mid = (lo + hi) >>> 1;
                    XSLFTextBox trial = textBox(f, y);
                    units.fill(trial, from, mid);
                    if (fit(trial) <= available) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                    slide.removeShape(trial);
                }
                if (lo == from) {
                    if (!empty) {
                        newSlide();
                        continue;
                    }
                    lo = from + 1; // one unit taller than a whole slide: placed anyway, it runs over the edge
                }
                pendingToc = new ArrayList<>();
                box = textBox(f, y);
                units.fill(box, from, lo);
                fit(box);
                tocLinks.addAll(pendingToc);
                from = lo;
                newSlide();
            }
        }

        private void flowTable(JsonNode block) {
            TableModel model = new TableModel(block);
            Frame measure = frame();
            XSLFTable full = table(measure, block, model, 0, model.rows(), y);
            double[] heights = new double[full.getNumberOfRows()];
            double sum = 0;
            for (int r = 0; r < heights.length; r++) {
                heights[r] = full.getRowHeight(r);
                sum += heights[r];
            }
            double insets = (full.getAnchor().getHeight() - sum) / heights.length;
            for (int r = 0; r < heights.length; r++) {
                heights[r] += Math.max(0, insets);
            }
            slide.removeShape(full);
            int head = model.hasHeader() ? 1 : 0;
            double headerHeight = head == 1 ? heights[0] : 0;
            int from = 0;
            do {
                limits.checkTime();
                double available = contentBottom() - y - headerHeight;
                int to = from;
                double used = 0;
                int r = from;
                while (r < model.rows()) {
                    int end = model.groupEnd(r);
                    double group = 0;
                    for (int k = r; k < end; k++) {
                        group += heights[k + head];
                    }
                    if (used + group > available) {
                        break;
                    }
                    used += group;
                    r = end;
                    to = end;
                }
                if (to == from && model.rows() > 0) {
                    if (!empty) {
                        newSlide();
                        continue;
                    }
                    to = model.groupEnd(from); // a row group taller than a slide runs over the edge
                }
                XSLFTable chunk = table(frame(), block, model, from, to, y);
                y += chunk.getAnchor().getHeight() + 10;
                empty = false;
                from = to;
                if (from < model.rows()) {
                    newSlide();
                }
            } while (from < model.rows());
        }

        // ---- drawing one block into a frame (no slide breaks); returns the height used

        private double draw(Frame f, JsonNode block, String path, double at) {
            return switch (block.path("type").asText()) {
                case "paragraph" -> units(f, paragraphUnits(block), at);
                case "list" -> units(f, listUnits(block), at);
                case "table-of-contents" -> units(f, tocUnits(block, f.width), at);
                case "headline" -> headline(f, block, at);
                case "table" -> {
                    TableModel model = new TableModel(block);
                    yield table(f, block, model, 0, model.rows(), at).getAnchor().getHeight() + 10;
                }
                case "image" -> image(f, block, path, at);
                case "qr-code", "barcode" -> code(f, block, at);
                case "separator" -> separator(f, block, at);
                case "grid" -> grid(f, block, path, at);
                case "page-number" -> pageNumber(f, block, at);
                default -> 0;
            };
        }

        private double units(Frame f, Units units, double at) {
            pendingToc = new ArrayList<>();
            XSLFTextBox box = textBox(f, at);
            units.fill(box, 0, units.size());
            tocLinks.addAll(pendingToc);
            return fit(box) + units.spaceAfter();
        }

        private double headline(Frame f, JsonNode block, double at) {
            JsonNode style = layout.style("headline", block.get("styles"));
            double before = empty && f.x == left && at == top ? 0 : style.path("spacing_before_in_pt").asDouble();
            XSLFTextBox box = textBox(f, at + before);
            XSLFTextParagraph p = paragraph(box, 1.2f);
            run(p, block.path("text").asText(), layout.headline(block), null);
            return before + fit(box) + style.path("spacing_after_in_pt").asDouble();
        }

        private Units paragraphUnits(JsonNode block) {
            TextLook base = layout.text(block.get("styles"));
            List<String> words = new ArrayList<>();
            List<JsonNode> runs = new ArrayList<>();
            for (JsonNode run : Layout.runs(block)) {
                for (String word : run.path("text").asText().split("(?<=\\s)")) {
                    words.add(word);
                    runs.add(run);
                }
            }
            String align = block.path("text_alignment").asText("left");
            return new Units() {
                public int size() {
                    return words.size();
                }

                public void fill(XSLFTextBox box, int from, int to) {
                    XSLFTextParagraph p = paragraph(box, base.lineHeight());
                    p.setTextAlign(align(align));
                    int i = from;
                    while (i < to) {
                        JsonNode run = runs.get(i);
                        StringBuilder text = new StringBuilder();
                        while (i < to && runs.get(i) == run) {
                            text.append(words.get(i++));
                        }
                        TextLook look = base.withRun(run);
                        String link = run.path("link_url").asText(null);
                        if (link != null && !run.has("color")) {
                            look = layout.link(look);
                        }
                        run(p, i == to ? text.toString().stripTrailing() : text.toString(), look, link);
                    }
                }

                public double spaceAfter() {
                    return base.size() * 0.6;
                }
            };
        }

        private record Item(String text, int depth, boolean ordered, int number) {
        }

        private Units listUnits(JsonNode block) {
            JsonNode style = layout.style("list", block.get("styles"));
            TextLook look = TextLook.of(style.path("text_style"));
            Color marker = color(style.path("marker_color").asText());
            double gap = style.path("marker_gap_in_pt").asDouble(6);
            List<Item> items = new ArrayList<>();
            flatten(block.path("items"), block.path("variant").asText("unordered"), 0, items);
            return new Units() {
                public int size() {
                    return items.size();
                }

                public void fill(XSLFTextBox box, int from, int to) {
                    for (int i = from; i < to; i++) {
                        Item item = items.get(i);
                        XSLFTextParagraph p = paragraph(box, look.lineHeight());
                        p.setSpaceAfter(-2.0);
                        p.setBullet(true);
                        double indent = look.size() + gap;
                        p.setLeftMargin(indent * (item.depth + 1));
                        p.setIndent(-indent);
                        p.setBulletFontColor(marker);
                        if (item.ordered) {
                            p.setBulletAutoNumber(item.depth % 2 == 0 ? AutoNumberingScheme.arabicPeriod
                                    : AutoNumberingScheme.alphaLcPeriod, item.number);
                        } else {
                            p.setBulletCharacter(item.depth % 2 == 0 ? "•" : "◦");
                        }
                        run(p, item.text, look, null);
                    }
                }

                public double spaceAfter() {
                    return 6;
                }
            };
        }

        private static void flatten(JsonNode items, String variant, int depth, List<Item> out) {
            int number = 1;
            for (JsonNode item : items) {
                out.add(new Item(item.path("text").asText(), depth, "ordered".equals(variant), number++));
                if (item.has("items")) {
                    flatten(item.get("items"), item.path("variant").asText(variant), depth + 1, out);
                }
            }
        }

        /** Entries of the table of contents: label, a right tab, the slide number (filled in at the end). */
        private Units tocUnits(JsonNode block, double frameWidth) {
            TextLook look = layout.text(block.get("styles"));
            List<String> levels = new ArrayList<>();
            block.path("levels").forEach(l -> levels.add(l.asText()));
            if (levels.isEmpty()) {
                levels.addAll(List.of("h1", "h2", "h3"));
            }
            List<Object[]> entries = new ArrayList<>();
            if (block.has("title")) {
                entries.add(new Object[] {block.get("title").asText(), 0, -1});
            }
            int index = 0;
            for (JsonNode candidate : layout.document.path("content")) {
                if (!"headline".equals(candidate.path("type").asText())) {
                    continue;
                }
                int headline = index++;
                JsonNode toc = candidate.path("table_of_contents");
                if (!toc.path("is_included").asBoolean(true) || !levels.contains(candidate.path("level").asText())) {
                    continue;
                }
                String level = toc.path("level_override").asText(candidate.path("level").asText());
                entries.add(new Object[] {toc.path("label_override").asText(candidate.path("text").asText()),
                        Layout.level(level), headline});
            }
            return new Units() {
                public int size() {
                    return entries.size();
                }

                public void fill(XSLFTextBox box, int from, int to) {
                    for (int i = from; i < to; i++) {
                        Object[] e = entries.get(i);
                        XSLFTextParagraph p = paragraph(box, 1.15f);
                        p.setSpaceAfter(-3.0);
                        int headline = (Integer) e[2];
                        if (headline < 0) {
                            run(p, (String) e[0], look.withBold(true).withSize(look.size() * 1.3f), null);
                            continue;
                        }
                        double indent = ((Integer) e[1] - 1) * 14;
                        p.setLeftMargin(indent);
                        p.addTabStops(frameWidth - indent, TabStop.TabStopType.RIGHT);
                        XSLFTextRun label = run(p, e[0] + "\t", look, null);
                        XSLFTextRun number = run(p, "00", look, null);
                        pendingToc.add(new Object[] {label, number, headline});
                    }
                }

                public double spaceAfter() {
                    return 6;
                }
            };
        }

        private XSLFTable table(Frame f, JsonNode block, TableModel model, int from, int to, double at) {
            JsonNode style = layout.style("table", block.get("styles"));
            int head = model.hasHeader() ? 1 : 0;
            XSLFTable table = f.slide.createTable(head + to - from, model.columns());
            f.created.add(table);
            double[] widths = model.widths(f.width);
            for (int c = 0; c < widths.length; c++) {
                table.setColumnWidth(c, widths[c]);
            }
            table.setAnchor(new Rectangle2D.Double(f.x, at, f.width, 10));
            TextLook text = layout.text(null);
            JsonNode hs = style.path("header");
            TextLook headerLook = text.withSize((float) hs.path("font_size_in_pt").asDouble())
                    .withColor(hs.path("text_color").asText())
                    .withBold(DocumentDefaults.isBold(hs.path("font_weight").asText("bold")));
            JsonNode bs = style.path("body");
            TextLook bodyLook = text.withSize((float) bs.path("font_size_in_pt").asDouble())
                    .withColor(bs.path("text_color").asText());
            List<TableModel.Placed> cells = new ArrayList<>();
            if (head == 1) {
                cells.addAll(model.header());
            }
            for (TableModel.Placed p : model.body(from, to)) {
                cells.add(new TableModel.Placed(p.row() - from + head, p.column(), p.columnSpan(), p.rowSpan(),
                        p.cell(), false));
            }
            double[] needed = new double[cells.size()];
            for (int i = 0; i < cells.size(); i++) {
                TableModel.Placed p = cells.get(i);
                XSLFTableCell cell = table.getCell(p.row(), p.column());
                JsonNode s = p.cell().path("styles");
                TextLook look = p.header() ? headerLook : bodyLook;
                if (s.has("font_size_in_pt")) {
                    look = look.withSize((float) s.get("font_size_in_pt").asDouble());
                }
                if (s.has("text_color")) {
                    look = look.withColor(s.get("text_color").asText());
                }
                if (s.has("font_weight")) {
                    look = look.withBold(DocumentDefaults.isBold(s.get("font_weight").asText()));
                }
                if (s.path("is_italic").asBoolean(false)) {
                    look = new TextLook(look.family(), look.size(), look.color(), look.bold(), true, false,
                            look.lineHeight());
                }
                String bg = s.path("background_color").asText((p.header() ? hs : bs).path("background_color")
                        .asText(""));
                if (!bg.isEmpty()) {
                    cell.setFillColor(color(bg));
                }
                cell.clearText();
                cell.setLeftInset(4);
                cell.setRightInset(4);
                cell.setTopInset(2);
                cell.setBottomInset(2);
                cell.setVerticalAlignment(VerticalAlignment.TOP);
                XSLFTextParagraph para = cell.addNewTextParagraph();
                TextAlign alignment = align(p.cell().path("horizontal_alignment").asText("left"));
                para.setTextAlign(alignment);
                run(para, p.cell().path("text").asText(), look, null);
                double w = 0;
                for (int c = p.column(); c < p.column() + p.columnSpan(); c++) {
                    w += widths[c];
                }
                // as XSLFTable.updateCellAnchor measures: the cell's own text layout at its width
                cell.setAnchor(new Rectangle2D.Double(0, 0, w, 0));
                needed[i] = cell.getTextHeight();
            }
            borders(table, style.path("border"));
            for (TableModel.Placed p : cells) {
                if (p.columnSpan() > 1 || p.rowSpan() > 1) {
                    table.mergeCells(p.row(), p.row() + p.rowSpan() - 1, p.column(),
                            p.column() + p.columnSpan() - 1);
                }
            }
            rowHeights(table, cells, needed);
            return table;
        }

        /** Each row as high as its tallest cell (cells spanning rows stretch the last row they cover if needed). */
        private static void rowHeights(XSLFTable table, List<TableModel.Placed> cells, double[] needed) {
            double[] heights = new double[table.getNumberOfRows()];
            for (int i = 0; i < cells.size(); i++) {
                TableModel.Placed p = cells.get(i);
                if (p.rowSpan() == 1) {
                    heights[p.row()] = Math.max(heights[p.row()], needed[i]);
                }
            }
            for (int i = 0; i < cells.size(); i++) {
                TableModel.Placed p = cells.get(i);
                if (p.rowSpan() > 1) {
                    int last = p.row() + p.rowSpan() - 1;
                    double sum = 0;
                    for (int r = p.row(); r <= last; r++) {
                        sum += heights[r];
                    }
                    if (sum < needed[i]) {
                        heights[last] += needed[i] - sum;
                    }
                }
            }
            for (int r = 0; r < heights.length; r++) {
                table.setRowHeight(r, Math.max(heights[r], 4));
            }
            // POI's layout (and PowerPoint's) adds the cells' insets to these: the table's anchor is what it draws
            table.updateCellAnchor();
        }

        private void borders(XSLFTable table, JsonNode border) {
            JsonNode inner = border.path("inner");
            JsonNode outer = border.path("outer");
            int rows = table.getNumberOfRows();
            int columns = table.getNumberOfColumns();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    XSLFTableCell cell = table.getCell(r, c);
                    edge(cell, BorderEdge.top, r == 0 ? outer.path("top") : inner.path("horizontal"));
                    edge(cell, BorderEdge.bottom, r == rows - 1 ? outer.path("bottom") : inner.path("horizontal"));
                    edge(cell, BorderEdge.left, c == 0 ? outer.path("left") : inner.path("vertical"));
                    edge(cell, BorderEdge.right, c == columns - 1 ? outer.path("right") : inner.path("vertical"));
                }
            }
        }

        private static void edge(XSLFTableCell cell, BorderEdge edge, JsonNode border) {
            double w = border.path("width_in_pt").asDouble(0);
            if (w > 0) {
                cell.setBorderWidth(edge, w);
                cell.setBorderColor(edge, color(border.path("color").asText("000000")));
            }
        }

        private double image(Frame f, JsonNode block, String path, double at) {
            Pictures.Picture picture = Pictures.of(block, path, assets, limits.maxImagePixels());
            Pictures.Box box = Pictures.box(block, picture);
            XSLFPictureShape shape = picture(f, picture.bytes(), switch (picture.format()) {
                case "jpeg" -> PictureData.PictureType.JPEG;
                case "gif" -> PictureData.PictureType.GIF;
                default -> PictureData.PictureType.PNG;
            }, f.x, at, box.width(), box.height());
            JsonNode style = layout.style("image", block.get("styles"));
            double border = style.path("border_width_in_pt").asDouble();
            if (border > 0) {
                shape.setLineWidth(border);
                shape.setLineColor(color(style.path("border_color").asText()));
            }
            return box.height() + 6;
        }

        private double code(Frame f, JsonNode block, double at) {
            double w = block.path("width_in_pt").asDouble();
            double h = block.path("height_in_pt").asDouble();
            double x = f.x;
            if ("qr-code".equals(block.path("type").asText())) {
                XSLFAutoShape background = f.slide.createAutoShape();
                f.created.add(background);
                background.setShapeType(ShapeType.RECT);
                background.setAnchor(new Rectangle2D.Double(x, at, w, h));
                background.setFillColor(color(block.path("bg_hex_color").asText("FFFFFF")));
                double side = Math.min(w, h);
                picture(f, CodeImages.png(block), PictureData.PictureType.PNG, x + (w - side) / 2, at + (h - side) / 2,
                        side, side);
            } else {
                picture(f, CodeImages.png(block), PictureData.PictureType.PNG, x, at, w, h);
            }
            return h + 6;
        }

        private XSLFPictureShape picture(Frame f, byte[] bytes, PictureData.PictureType type, double x, double at,
                                         double w, double h) {
            XSLFPictureData data = ppt.addPicture(bytes, type);
            XSLFPictureShape shape = f.slide.createPicture(data);
            shape.setAnchor(new Rectangle2D.Double(x, at, w, h));
            f.created.add(shape);
            return shape;
        }

        private double separator(Frame f, JsonNode block, double at) {
            JsonNode style = layout.style("separator", block.get("styles"));
            double before = style.path("spacing_before_in_pt").asDouble();
            double thickness = style.path("thickness_in_pt").asDouble();
            if (thickness > 0) {
                XSLFConnectorShape line = f.slide.createConnector();
                f.created.add(line);
                line.setAnchor(new Rectangle2D.Double(f.x, at + before + thickness / 2, f.width, 0));
                line.setLineWidth(thickness);
                line.setLineColor(color(style.path("color").asText()));
            }
            return before + thickness + style.path("spacing_after_in_pt").asDouble();
        }

        /** Columns side by side on a 12-column grid; as high as the tallest column; drawn whole. */
        private double grid(Frame f, JsonNode block, String path, double at) {
            JsonNode style = layout.style("grid", block.get("styles"));
            double gap = style.path("gap_in_pt").asDouble();
            String bg = style.path("background_color").asText("");
            double border = style.path("border_width_in_pt").asDouble();
            XSLFAutoShape box = null;
            double pad = 0;
            if (!bg.isEmpty() || border > 0) {
                box = f.slide.createAutoShape();
                f.created.add(box);
                box.setShapeType(ShapeType.RECT);
                if (!bg.isEmpty()) {
                    box.setFillColor(color(bg));
                }
                if (border > 0) {
                    box.setLineWidth(border);
                    box.setLineColor(color(style.path("border_color").asText()));
                }
                pad = 4 + border;
            }
            JsonNode columns = block.path("columns");
            double available = f.width - 2 * pad - gap * (columns.size() - 1);
            double x = f.x + pad;
            double[] heights = new double[columns.size()];
            List<List<XSLFShape>> shapes = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                JsonNode column = columns.get(i);
                double w = available * column.path("column_span").asInt(12) / 12;
                Frame cf = new Frame(f.slide, x, w, new ArrayList<>());
                double cy = at + pad;
                JsonNode blocks = column.path("blocks");
                for (int b = 0; b < blocks.size(); b++) {
                    cy += draw(cf, blocks.get(b), path + ".columns[" + i + "].blocks[" + b + "]", cy);
                }
                heights[i] = cy - at - pad;
                shapes.add(cf.created);
                f.created.addAll(cf.created);
                String halign = column.path("horizontal_alignment").asText(block.path("horizontal_alignment")
                        .asText("left"));
                for (XSLFShape s : cf.created) {
                    if (s instanceof XSLFTextBox t) {
                        for (XSLFTextParagraph p : t.getTextParagraphs()) {
                            if (!block.path("columns").get(i).has("horizontal_alignment")
                                    && !block.has("horizontal_alignment")) {
                                break;
                            }
                            p.setTextAlign(align(halign));
                        }
                    } else if (!halign.equals("left") && s instanceof XSLFPictureShape picture) {
                        Rectangle2D a = picture.getAnchor();
                        double shift = (x + w - a.getMaxX()) * (halign.equals("center") ? 0.5 : 1);
                        picture.setAnchor(new Rectangle2D.Double(a.getX() + shift, a.getY(), a.getWidth(),
                                a.getHeight()));
                    }
                }
                x += w + gap;
            }
            double tallest = 0;
            for (double h : heights) {
                tallest = Math.max(tallest, h);
            }
            for (int i = 0; i < columns.size(); i++) {
                String vertical = columns.get(i).path("vertical_alignment").asText(block.path("vertical_alignment")
                        .asText("top"));
                double shift = (tallest - heights[i]) * (vertical.equals("center") ? 0.5
                        : vertical.equals("bottom") ? 1 : 0);
                if (shift > 0) {
                    for (XSLFShape s : shapes.get(i)) {
                        if (s instanceof PlaceableShape<?, ?> placeable) {
                            Rectangle2D a = placeable.getAnchor();
                            placeable.setAnchor(new Rectangle2D.Double(a.getX(), a.getY() + shift, a.getWidth(),
                                    a.getHeight()));
                        }
                    }
                }
            }
            if (box != null) {
                box.setAnchor(new Rectangle2D.Double(f.x, at, f.width, tallest + 2 * pad));
            }
            return tallest + 2 * pad + 10;
        }

        private double pageNumber(Frame f, JsonNode block, double at) {
            String format = block.path("format").asText("{page}");
            String text = pageNumbers == null ? format : format.replace("{page}", Integer.toString(pageNumbers[0]))
                    .replace("{pages}", Integer.toString(pageNumbers[1]));
            XSLFTextBox box = textBox(f, at);
            XSLFTextParagraph p = paragraph(box, 1.2f);
            p.setTextAlign(align(block.path("text_alignment").asText("left")));
            run(p, text, layout.text(block.get("styles")), null);
            return fit(box);
        }

        /** The header and footer on every slide, drawn once the slide count is known. */
        private void edges() {
            List<XSLFSlide> slides = ppt.getSlides();
            double contentWidth = width - left - right;
            for (int i = 0; i < slides.size(); i++) {
                limits.checkTime();
                pageNumbers = new int[] {i + 1, slides.size()};
                empty = false;
                XSLFSlide s = slides.get(i);
                double at = layout.headerDistance;
                for (JsonNode block : layout.document.path("header")) {
                    at += draw(new Frame(s, left, contentWidth, new ArrayList<>()), block, "document.header", at);
                }
                at = height - bottom;
                for (JsonNode block : layout.document.path("footer")) {
                    at += draw(new Frame(s, left, contentWidth, new ArrayList<>()), block, "document.footer", at);
                }
            }
        }

        // ---- text primitives

        private XSLFTextBox textBox(Frame f, double at) {
            XSLFTextBox box = f.slide.createTextBox();
            f.created.add(box);
            box.setAnchor(new Rectangle2D.Double(f.x, at, f.width, 10));
            box.setLeftInset(0);
            box.setRightInset(0);
            box.setTopInset(0);
            box.setBottomInset(0);
            box.setWordWrap(true);
            box.clearText();
            return box;
        }

        private static double fit(XSLFTextBox box) {
            return box.resizeToFitText().getHeight();
        }

        private static XSLFTextParagraph paragraph(XSLFTextBox box, float lineHeight) {
            XSLFTextParagraph p = box.addNewTextParagraph();
            // PowerPoint's 100 % is about 1.2 × the font size
            p.setLineSpacing((double) Math.round(lineHeight / 1.2 * 100));
            return p;
        }

        /** Adds {@code text} in {@code look} (line breaks kept) and returns its last run. */
        private static XSLFTextRun run(XSLFTextParagraph p, String text, TextLook look, String link) {
            String[] lines = text.split("\n", -1);
            XSLFTextRun last = null;
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    p.addLineBreak();
                }
                if (lines[i].isEmpty() && lines.length > 1) {
                    continue;
                }
                XSLFTextRun run = p.addNewTextRun();
                run.setText(lines[i]);
                run.setFontFamily(BundledFonts.resolve(look.family()).orElse(look.family()));
                run.setFontSize((double) look.size());
                run.setFontColor(color(look.color()));
                run.setBold(look.bold());
                run.setItalic(look.italic());
                run.setUnderlined(look.underline());
                if (link != null && !link.startsWith("#")) {
                    run.createHyperlink().setAddress(link);
                }
                last = run;
            }
            return last;
        }

        private static TextAlign align(String alignment) {
            return switch (alignment) {
                case "center" -> TextAlign.CENTER;
                case "right" -> TextAlign.RIGHT;
                case "justify" -> TextAlign.JUSTIFY;
                default -> TextAlign.LEFT;
            };
        }

        private static Color color(String hex) {
            return new Color(Integer.parseInt(TextLook.hex(hex), 16));
        }
    }
}
