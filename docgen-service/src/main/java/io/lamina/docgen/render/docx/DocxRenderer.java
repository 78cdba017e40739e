package io.lamina.docgen.render.docx;

import io.lamina.docgen.render.OfficeProperties;
import io.lamina.docgen.render.Tables;
import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.ErrorInfo;
import io.lamina.docgen.model.BundledFonts;
import io.lamina.docgen.model.DocumentDefaults;
import io.lamina.docgen.render.Assets;
import io.lamina.docgen.render.CodeImages;
import io.lamina.docgen.render.ImageProbe;
import io.lamina.docgen.render.Layout;
import io.lamina.docgen.render.RenderLimits;
import io.lamina.docgen.render.TextLook;
import io.lamina.ops.runtime.OperationException;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.util.Units;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.IBody;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The same document model to DOCX with Apache POI (XWPF). Headlines use Word's own "Heading 1–6" styles (so Word's
 * navigation pane and its own table of contents see them), lists use real Word numbering, the header and footer carry
 * PAGE / NUMPAGES fields. Fonts are referred to by name, not embedded.
 */
public final class DocxRenderer {

    private static final int TWIPS_PER_PT = 20;

    public void render(JsonNode document, Assets assets, RenderLimits limits, OutputStream out) throws IOException {
        Layout layout = new Layout(document);
        try (XWPFDocument doc = new XWPFDocument()) {
            new Writer(layout, doc, assets, limits).write();
            doc.write(out);
        }
    }

    private static final class Writer {
        private final Layout layout;
        private final XWPFDocument doc;
        private final Assets assets;
        private final RenderLimits limits;
        private XWPFNumbering numbering;
        private int pictures;
        private boolean breakBefore;

        Writer(Layout layout, XWPFDocument doc, Assets assets, RenderLimits limits) {
            this.layout = layout;
            this.doc = doc;
            this.assets = assets;
            this.limits = limits;
        }

        void write() {
            page();
            metadata();
            headingStyles();
            JsonNode content = layout.document.path("content");
            for (int i = 0; i < content.size(); i++) {
                limits.checkTime();
                block(doc, content.get(i), "document.content[" + i + "]");
            }
            if (layout.document.has("header")) {
                XWPFHeader header = doc.createHeader(HeaderFooterType.DEFAULT);
                edge(header, layout.document.get("header"), "document.header");
            }
            if (layout.document.has("footer")) {
                XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
                edge(footer, layout.document.get("footer"), "document.footer");
            }
        }

        private void edge(IBody body, JsonNode blocks, String path) {
            for (int i = 0; i < blocks.size(); i++) {
                block(body, blocks.get(i), path + "[" + i + "]");
            }
            // a header or footer must end with a paragraph; POI creates one only when asked
            if (body.getBodyElements().isEmpty()) {
                newParagraph(body);
            }
        }

        private void page() {
            CTSectPr sect = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                    : doc.getDocument().getBody().addNewSectPr();
            CTPageSz size = sect.addNewPgSz();
            size.setW(twips(layout.page.width()));
            size.setH(twips(layout.page.height()));
            if (layout.page.width() > layout.page.height()) {
                size.setOrient(STPageOrientation.LANDSCAPE);
            }
            CTPageMar margins = sect.addNewPgMar();
            margins.setTop(twips(layout.top));
            margins.setRight(twips(layout.right));
            margins.setBottom(twips(layout.bottom));
            margins.setLeft(twips(layout.left));
            margins.setHeader(twips(layout.headerDistance));
            margins.setFooter(twips(layout.footerDistance));
        }

        private void metadata() {
            OfficeProperties.fill(doc.getProperties(), layout);
        }

        /** Word's built-in heading styles, so that the document outline works; look comes from the runs. */
        private void headingStyles() {
            XWPFStyles styles = doc.createStyles();
            for (int level = 1; level <= 6; level++) {
                CTStyle style = CTStyle.Factory.newInstance();
                style.setStyleId("Heading" + level);
                style.setType(STStyleType.PARAGRAPH);
                style.addNewName().setVal("heading " + level);
                style.addNewQFormat();
                style.addNewPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(level - 1));
                styles.addStyle(new XWPFStyle(style));
            }
        }

        private void block(IBody body, JsonNode block, String path) {
            switch (block.path("type").asText()) {
                case "paragraph" -> paragraph(body, block);
                case "headline" -> headline(body, block);
                case "image" -> image(body, block, path);
                case "table" -> table(body, block);
                case "grid" -> grid(body, block, path);
                case "list" -> list(body, block);
                case "table-of-contents" -> tableOfContents(body, block);
                case "page-break" -> breakBefore = true;
                case "separator" -> separator(body, block);
                case "qr-code", "barcode" -> code(body, block);
                case "page-number" -> pageNumber(body, block);
                default -> {
                }
            }
        }

        private XWPFParagraph newParagraph(IBody body) {
            XWPFParagraph p = body instanceof XWPFDocument d ? d.createParagraph()
                    : body instanceof XWPFHeader h ? h.createParagraph()
                    : body instanceof XWPFFooter f ? f.createParagraph()
                    : ((XWPFTableCell) body).addParagraph();
            if (breakBefore) {
                p.setPageBreak(true);
                breakBefore = false;
            }
            return p;
        }

        private void paragraph(IBody body, JsonNode block) {
            TextLook base = layout.text(block.get("styles"));
            XWPFParagraph p = newParagraph(body);
            spacing(p, 0, base.size() * 0.6f, base.lineHeight());
            align(p, block.path("text_alignment").asText("left"));
            for (JsonNode run : Layout.runs(block)) {
                TextLook look = base.withRun(run);
                if (run.has("link_url")) {
                    if (!run.has("color")) {
                        look = layout.link(look);
                    }
                    XWPFHyperlinkRun link = p.createHyperlinkRun(run.get("link_url").asText());
                    style(link, run.path("text").asText(), look);
                } else {
                    style(p.createRun(), run.path("text").asText(), look);
                }
            }
        }

        private void headline(IBody body, JsonNode block) {
            TextLook look = layout.headline(block);
            JsonNode style = layout.style("headline", block.get("styles"));
            XWPFParagraph p = newParagraph(body);
            p.setStyle("Heading" + Layout.level(block.path("level").asText("h1")));
            spacing(p, (float) style.path("spacing_before_in_pt").asDouble(),
                    (float) style.path("spacing_after_in_pt").asDouble(), 1.15f);
            p.setKeepNext(true);
            style(p.createRun(), block.path("text").asText(), look);
        }

        private void tableOfContents(IBody body, JsonNode block) {
            TextLook look = layout.text(block.get("styles"));
            if (block.has("title")) {
                XWPFParagraph t = newParagraph(body);
                style(t.createRun(), block.get("title").asText(), look.withBold(true).withSize(look.size() * 1.3f));
            }
            List<String> levels = new ArrayList<>();
            block.path("levels").forEach(l -> levels.add(l.asText()));
            if (levels.isEmpty()) {
                levels.addAll(List.of("h1", "h2", "h3"));
            }
            for (JsonNode candidate : layout.document.path("content")) {
                JsonNode toc = candidate.path("table_of_contents");
                if (!"headline".equals(candidate.path("type").asText()) || !toc.path("is_included").asBoolean(true)
                        || !levels.contains(candidate.path("level").asText())) {
                    continue;
                }
                String level = toc.path("level_override").asText(candidate.path("level").asText());
                XWPFParagraph p = newParagraph(body);
                p.setIndentationLeft((Layout.level(level) - 1) * 14 * TWIPS_PER_PT);
                spacing(p, 0, 3, 1.15f);
                style(p.createRun(), toc.path("label_override").asText(candidate.path("text").asText()), look);
            }
        }

        private void image(IBody body, JsonNode block, String path) {
            String at = path + (block.has("file") ? ".file" : ".buffer");
            byte[] bytes = block.has("file") ? assets.read(block.get("file"), at)
                    : assets.base64(block.path("buffer").asText(), at);
            ImageProbe.check(bytes, limits.maxImagePixels(), at);
            BufferedImage decoded;
            try {
                decoded = ImageIO.read(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                decoded = null;
            }
            if (decoded == null) {
                throw new OperationException(ErrorInfo.permanent("unsupported_format", at
                        + ": not an image this renderer can read (PNG, JPEG, GIF, BMP)"));
            }
            float w = (float) block.path("width_in_pt").asDouble();
            float h = (float) block.path("height_in_pt").asDouble();
            if (!"cover".equals(block.path("fit").asText())) {
                double scale = Math.min(w / decoded.getWidth(), h / decoded.getHeight());
                w = (float) (decoded.getWidth() * scale);
                h = (float) (decoded.getHeight() * scale);
            }
            picture(newParagraph(body), CodeImages.png(decoded), w, h);
        }

        private void picture(XWPFParagraph p, byte[] png, float w, float h) {
            try {
                p.createRun().addPicture(new ByteArrayInputStream(png), PictureType.PNG, "image" + (++pictures) + ".png",
                        Units.toEMU(w), Units.toEMU(h));
            } catch (Exception e) {
                throw new IllegalStateException("picture not added", e);
            }
        }

        private void code(IBody body, JsonNode block) {
            picture(newParagraph(body), CodeImages.png(block), (float) block.path("width_in_pt").asDouble(),
                    (float) block.path("height_in_pt").asDouble());
        }

        private void table(IBody body, JsonNode block) {
            JsonNode style = layout.style("table", block.get("styles"));
            int columns = Tables.columns(block);
            JsonNode header = block.get("header");
            JsonNode rows = block.path("rows");
            XWPFTable table = newTable(body, rows.size() + (header == null ? 0 : 1), columns);
            table.setWidth("100%");
            JsonNode widths = block.get("column_widths_in_percent");
            double sum = 0;
            if (widths != null) {
                for (JsonNode w : widths) {
                    sum += w.asDouble();
                }
            }
            JsonNode border = style.path("border");
            table.setTopBorder(XWPFTable.XWPFBorderType.SINGLE, eighths(border.path("outer").path("top")), 0,
                    TextLook.hex(border.path("outer").path("top").path("color").asText("000000")));
            table.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, eighths(border.path("outer").path("bottom")), 0,
                    TextLook.hex(border.path("outer").path("bottom").path("color").asText("000000")));
            table.setLeftBorder(XWPFTable.XWPFBorderType.SINGLE, eighths(border.path("outer").path("left")), 0,
                    TextLook.hex(border.path("outer").path("left").path("color").asText("000000")));
            table.setRightBorder(XWPFTable.XWPFBorderType.SINGLE, eighths(border.path("outer").path("right")), 0,
                    TextLook.hex(border.path("outer").path("right").path("color").asText("000000")));
            table.setInsideHBorder(XWPFTable.XWPFBorderType.SINGLE, eighths(border.path("inner").path("horizontal")),
                    0, TextLook.hex(border.path("inner").path("horizontal").path("color").asText("000000")));
            table.setInsideVBorder(XWPFTable.XWPFBorderType.SINGLE, eighths(border.path("inner").path("vertical")),
                    0, TextLook.hex(border.path("inner").path("vertical").path("color").asText("000000")));
            TextLook text = layout.text(null);
            int r = 0;
            int[] carried = new int[columns];
            if (header != null) {
                JsonNode hs = style.path("header");
                TextLook look = text.withSize((float) hs.path("font_size_in_pt").asDouble())
                        .withColor(hs.path("text_color").asText())
                        .withBold(DocumentDefaults.isBold(hs.path("font_weight").asText("bold")));
                XWPFTableRow row = table.getRow(r++);
                row.setRepeatHeader(true);
                fillRow(row, header.path("cells"), look, hs.path("background_color").asText(""), carried, widths,
                        sum);
            }
            JsonNode bs = style.path("body");
            TextLook body2 = text.withSize((float) bs.path("font_size_in_pt").asDouble())
                    .withColor(bs.path("text_color").asText());
            for (JsonNode row : rows) {
                fillRow(table.getRow(r++), row.path("cells"), body2, bs.path("background_color").asText(""), carried,
                        widths, sum);
            }
            spacerAfter(body);
        }

        /**
         * Writes one row's cells into a row of {@code columns} grid cells: spanned columns are merged (gridSpan) and
         * removed, cells covered by a row span from above continue its vertical merge.
         */
        private void fillRow(XWPFTableRow row, JsonNode cells, TextLook look, String background, int[] carried,
                             JsonNode widths, double sum) {
            int col = 0;
            int physical = 0;
            int next = 0;
            while (col < carried.length) {
                XWPFTableCell cell = row.getCell(physical);
                if (carried[col] > 0) {
                    carried[col]--;
                    tcPr(cell).addNewVMerge();
                    width(cell, widths, sum, col, 1);
                    col++;
                    physical++;
                    continue;
                }
                if (next >= cells.size()) {
                    col++;
                    physical++;
                    continue;
                }
                JsonNode data = cells.get(next++);
                int span = Math.max(1, Math.min(data.path("column_span").asInt(1), carried.length - col));
                int rowSpan = Math.max(1, data.path("row_span").asInt(1));
                CTTcPr pr = tcPr(cell);
                if (span > 1) {
                    pr.addNewGridSpan().setVal(BigInteger.valueOf(span));
                    for (int k = 1; k < span; k++) {
                        row.removeCell(physical + 1);
                    }
                }
                if (rowSpan > 1) {
                    pr.addNewVMerge().setVal(STMerge.RESTART);
                    for (int k = 0; k < span; k++) {
                        carried[col + k] = rowSpan - 1;
                    }
                }
                width(cell, widths, sum, col, span);
                TextLook cellLook = look;
                JsonNode s = data.path("styles");
                if (s.has("font_size_in_pt")) {
                    cellLook = cellLook.withSize((float) s.get("font_size_in_pt").asDouble());
                }
                if (s.has("text_color")) {
                    cellLook = cellLook.withColor(s.get("text_color").asText());
                }
                if (s.has("font_weight")) {
                    cellLook = cellLook.withBold(DocumentDefaults.isBold(s.get("font_weight").asText()));
                }
                if (s.path("is_italic").asBoolean(false)) {
                    cellLook = new TextLook(cellLook.family(), cellLook.size(), cellLook.color(), cellLook.bold(), true,
                            false, cellLook.lineHeight());
                }
                String bg = s.path("background_color").asText(background);
                if (!bg.isEmpty()) {
                    cell.setColor(TextLook.hex(bg));
                }
                XWPFParagraph p = cell.getParagraphs().get(0);
                spacing(p, 2, 2, 1.1f);
                align(p, data.path("horizontal_alignment").asText("left"));
                style(p.createRun(), data.path("text").asText(), cellLook);
                col += span;
                physical++;
            }
        }

        private static void width(XWPFTableCell cell, JsonNode widths, double sum, int col, int span) {
            if (widths == null || sum <= 0) {
                return;
            }
            double share = 0;
            for (int k = col; k < col + span && k < widths.size(); k++) {
                share += widths.get(k).asDouble();
            }
            CTTblWidth w = tcPr(cell).isSetTcW() ? tcPr(cell).getTcW() : tcPr(cell).addNewTcW();
            w.setType(STTblWidth.PCT);
            w.setW(BigInteger.valueOf(Math.round(share / sum * 5000)));
        }

        private void grid(IBody body, JsonNode block, String path) {
            JsonNode columns = block.path("columns");
            XWPFTable table = newTable(body, 1, columns.size());
            table.setWidth("100%");
            JsonNode style = layout.style("grid", block.get("styles"));
            int border = (int) Math.round(style.path("border_width_in_pt").asDouble() * 8);
            XWPFTable.XWPFBorderType type = border > 0 ? XWPFTable.XWPFBorderType.SINGLE
                    : XWPFTable.XWPFBorderType.NONE;
            String color = TextLook.hex(style.path("border_color").asText("000000"));
            table.setTopBorder(type, border, 0, color);
            table.setBottomBorder(type, border, 0, color);
            table.setLeftBorder(type, border, 0, color);
            table.setRightBorder(type, border, 0, color);
            table.setInsideHBorder(type, border, 0, color);
            table.setInsideVBorder(type, border, 0, color);
            for (int i = 0; i < columns.size(); i++) {
                XWPFTableCell cell = table.getRow(0).getCell(i);
                CTTblWidth w = tcPr(cell).addNewTcW();
                w.setType(STTblWidth.PCT);
                w.setW(BigInteger.valueOf(Math.round(columns.get(i).path("column_span").asDouble() / 12 * 5000)));
                String bg = style.path("background_color").asText("");
                if (!bg.isEmpty()) {
                    cell.setColor(TextLook.hex(bg));
                }
                JsonNode blocks = columns.get(i).path("blocks");
                for (int b = 0; b < blocks.size(); b++) {
                    block(cell, blocks.get(b), path + ".columns[" + i + "].blocks[" + b + "]");
                }
                // the empty paragraph every new cell starts with goes when the column has content of its own
                if (cell.getBodyElements().size() > 1 && cell.getParagraphs().get(0).getRuns().isEmpty()) {
                    cell.removeParagraph(0);
                }
            }
            spacerAfter(body);
        }

        private void list(IBody body, JsonNode block) {
            JsonNode style = layout.style("list", block.get("styles"));
            TextLook look = TextLook.of(style.path("text_style"));
            String variant = block.path("variant").asText("unordered");
            String marker = TextLook.hex(style.path("marker_color").asText());
            items(body, block.path("items"), variant, numbering(variant, marker), look, marker, 0);
        }

        /** One Word list per list block; a nested list of another variant gets a list of its own. */
        private void items(IBody body, JsonNode items, String variant, BigInteger num, TextLook look, String marker,
                           int depth) {
            for (JsonNode item : items) {
                XWPFParagraph p = newParagraph(body);
                p.setNumID(num);
                p.setNumILvl(BigInteger.valueOf(Math.min(depth, 8)));
                spacing(p, 0, 2, look.lineHeight());
                style(p.createRun(), item.path("text").asText(), look);
                if (item.has("items")) {
                    String inner = item.path("variant").asText(variant);
                    items(body, item.get("items"), inner, inner.equals(variant) ? num : numbering(inner, marker), look,
                            marker, depth + 1);
                }
            }
            if (depth == 0) {
                spacerAfter(body);
            }
        }

        /** A new Word list definition (so numbering restarts at 1 for each list). */
        private BigInteger numbering(String variant, String markerColor) {
            if (numbering == null) {
                numbering = doc.createNumbering();
            }
            CTAbstractNum abstractNum = CTAbstractNum.Factory.newInstance();
            BigInteger id = BigInteger.valueOf(numbering.getAbstractNums().size() + 1L);
            abstractNum.setAbstractNumId(id);
            boolean ordered = "ordered".equals(variant);
            for (int level = 0; level < 9; level++) {
                CTLvl lvl = abstractNum.addNewLvl();
                lvl.setIlvl(BigInteger.valueOf(level));
                lvl.addNewStart().setVal(BigInteger.ONE);
                lvl.addNewNumFmt().setVal(ordered ? (level % 2 == 0 ? STNumberFormat.DECIMAL
                        : STNumberFormat.LOWER_LETTER) : STNumberFormat.BULLET);
                lvl.addNewLvlText().setVal(ordered ? "%" + (level + 1) + "." : (level % 2 == 0 ? "•" : "◦"));
                var ind = lvl.addNewPPr().addNewInd();
                ind.setLeft(BigInteger.valueOf(360L * (level + 1)));
                ind.setHanging(BigInteger.valueOf(260));
                lvl.addNewRPr().addNewColor().setVal(markerColor);
            }
            BigInteger abstractId = numbering.addAbstractNum(new XWPFAbstractNum(abstractNum, numbering));
            return numbering.addNum(abstractId);
        }

        private void separator(IBody body, JsonNode block) {
            JsonNode style = layout.style("separator", block.get("styles"));
            XWPFParagraph p = newParagraph(body);
            spacing(p, (float) style.path("spacing_before_in_pt").asDouble(),
                    (float) style.path("spacing_after_in_pt").asDouble(), 1f);
            double thickness = style.path("thickness_in_pt").asDouble();
            if (thickness > 0) {
                p.setBorderBottom(Borders.SINGLE);
                var bdr = p.getCTPPr().getPBdr().getBottom();
                bdr.setSz(BigInteger.valueOf(Math.max(2, Math.round(thickness * 8))));
                bdr.setColor(TextLook.hex(style.path("color").asText()));
            }
        }

        private void pageNumber(IBody body, JsonNode block) {
            TextLook look = layout.text(block.get("styles"));
            XWPFParagraph p = newParagraph(body);
            align(p, block.path("text_alignment").asText("left"));
            String format = block.path("format").asText("{page}");
            String[] parts = format.split("(?=\\{page})|(?<=\\{page})|(?=\\{pages})|(?<=\\{pages})");
            for (String part : parts) {
                if (part.equals("{page}") || part.equals("{pages}")) {
                    var field = p.getCTP().addNewFldSimple();
                    field.setInstr(part.equals("{page}") ? " PAGE " : " NUMPAGES ");
                    var run = field.addNewR();
                    run.addNewT().setStringValue("1");
                } else if (!part.isEmpty()) {
                    style(p.createRun(), part, look);
                }
            }
        }

        private XWPFTable newTable(IBody body, int rows, int columns) {
            if (breakBefore) {
                newParagraph(body);
            }
            XWPFTable table = body instanceof XWPFDocument d ? d.createTable(rows, columns)
                    : body instanceof XWPFHeader h ? h.createTable(rows, columns)
                    : body instanceof XWPFFooter f ? f.createTable(rows, columns)
                    : nestedTable((XWPFTableCell) body, rows, columns);
            return table;
        }

        private static XWPFTable nestedTable(XWPFTableCell cell, int rows, int columns) {
            XWPFTable table = cell.insertNewTbl(cell.getParagraphs().get(cell.getParagraphs().size() - 1)
                    .getCTP().newCursor());
            for (int r = 0; r < rows; r++) {
                XWPFTableRow row = r == 0 ? table.getRow(0) : table.createRow();
                if (row == null) {
                    row = table.createRow();
                }
                while (row.getTableCells().size() < columns) {
                    row.addNewTableCell();
                }
            }
            cell.addParagraph();
            return table;
        }

        private void spacerAfter(IBody body) {
            if (body instanceof XWPFDocument) {
                XWPFParagraph p = newParagraph(body);
                spacing(p, 0, 0, 1f);
            }
        }

        private static void style(XWPFRun run, String text, TextLook look) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    run.addBreak(BreakType.TEXT_WRAPPING);
                }
                run.setText(lines[i], i);
            }
            String family = BundledFonts.resolve(look.family()).orElse(look.family());
            run.setFontFamily(family);
            run.setFontSize(look.size());
            run.setColor(look.color());
            run.setBold(look.bold());
            run.setItalic(look.italic());
            if (look.underline()) {
                run.setUnderline(UnderlinePatterns.SINGLE);
            }
        }

        private static void spacing(XWPFParagraph p, float before, float after, float lineHeight) {
            p.setSpacingBefore(Math.round(before * TWIPS_PER_PT));
            p.setSpacingAfter(Math.round(after * TWIPS_PER_PT));
            p.setSpacingBetween(lineHeight, LineSpacingRule.AUTO);
        }

        private static void align(XWPFParagraph p, String alignment) {
            p.setAlignment(switch (alignment) {
                case "center" -> ParagraphAlignment.CENTER;
                case "right" -> ParagraphAlignment.RIGHT;
                case "justify" -> ParagraphAlignment.BOTH;
                default -> ParagraphAlignment.LEFT;
            });
        }

        private static CTTcPr tcPr(XWPFTableCell cell) {
            return cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
        }

        private static int eighths(JsonNode border) {
            return (int) Math.round(border.path("width_in_pt").asDouble(0) * 8);
        }

        private static BigInteger twips(float points) {
            return BigInteger.valueOf(Math.round(points * TWIPS_PER_PT));
        }

    }
}
