package io.lamina.docgen.render.pdf;

import io.lamina.docgen.render.Tables;
import com.fasterxml.jackson.databind.JsonNode;
import com.itextpdf.barcodes.Barcode1D;
import com.itextpdf.barcodes.Barcode128;
import com.itextpdf.barcodes.Barcode39;
import com.itextpdf.barcodes.BarcodeCodabar;
import com.itextpdf.barcodes.BarcodeEAN;
import com.itextpdf.barcodes.BarcodeInter25;
import com.itextpdf.barcodes.BarcodeQRCode;
import com.itextpdf.barcodes.qrcode.EncodeHintType;
import com.itextpdf.barcodes.qrcode.ErrorCorrectionLevel;
import com.itextpdf.io.image.ImageData;
import com.itextpdf.io.image.ImageDataFactory;
import com.itextpdf.kernel.colors.DeviceRgb;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.action.PdfAction;
import com.itextpdf.kernel.pdf.canvas.draw.DottedLine;
import com.itextpdf.kernel.pdf.canvas.draw.SolidLine;
import com.itextpdf.kernel.pdf.xobject.PdfFormXObject;
import com.itextpdf.kernel.pdf.xobject.PdfImageXObject;
import com.itextpdf.layout.borders.Border;
import com.itextpdf.layout.borders.SolidBorder;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.element.IElement;
import com.itextpdf.layout.element.Image;
import com.itextpdf.layout.element.LineSeparator;
import com.itextpdf.layout.element.ListItem;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Tab;
import com.itextpdf.layout.element.TabStop;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.element.Text;
import com.itextpdf.layout.properties.HorizontalAlignment;
import com.itextpdf.layout.properties.ListNumberingType;
import com.itextpdf.layout.properties.OverflowPropertyValue;
import com.itextpdf.layout.properties.Property;
import com.itextpdf.layout.properties.TabAlignment;
import com.itextpdf.layout.properties.TextAlignment;
import com.itextpdf.layout.properties.UnitValue;
import com.itextpdf.layout.properties.VerticalAlignment;
import com.itextpdf.layout.renderer.DrawContext;
import com.itextpdf.layout.renderer.IRenderer;
import com.itextpdf.layout.renderer.ParagraphRenderer;
import io.lamina.contracts.ErrorInfo;
import io.lamina.docgen.model.Barcodes;
import io.lamina.docgen.model.DocumentDefaults;
import io.lamina.docgen.render.Assets;
import io.lamina.docgen.render.ImageProbe;
import io.lamina.docgen.render.Layout;
import io.lamina.docgen.render.RenderLimits;
import io.lamina.docgen.render.TextLook;
import io.lamina.ops.runtime.OperationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns blocks into iText layout elements. One instance per laid-out document. */
final class Elements {

    private final Layout layout;
    private final PdfDocument pdf;
    private final PdfFonts fonts;
    private final Assets assets;
    private final RenderLimits limits;
    private final Map<Integer, Integer> recordPages;
    private final Map<Integer, Integer> knownPages;
    private final Map<String, PdfImageXObject> images = new HashMap<>();
    private int headlineCounter;
    /** Grids being built around the current block: only top-level headlines are in the table of contents. */
    private int gridDepth;

    Elements(Layout layout, PdfDocument pdf, PdfFonts fonts, Assets assets, RenderLimits limits,
             Map<Integer, Integer> recordPages, Map<Integer, Integer> knownPages) {
        this.layout = layout;
        this.pdf = pdf;
        this.fonts = fonts;
        this.assets = assets;
        this.limits = limits;
        this.recordPages = recordPages;
        this.knownPages = knownPages;
    }

    /** The elements of one block; {@code page} is {number, total} in the header and footer, null in the body. */
    List<IElement> block(JsonNode block, String path, int[] page) {
        String type = block.path("type").asText();
        return switch (type) {
            case "paragraph" -> List.of(paragraph(block));
            case "headline" -> List.of(headline(block, page == null));
            case "image" -> List.of(image(block, path));
            case "table" -> List.of(table(block, path, page));
            case "grid" -> List.of(grid(block, path, page));
            case "list" -> List.of(list(block));
            case "table-of-contents" -> tableOfContents(block);
            case "separator" -> List.of(separator(block));
            case "qr-code" -> List.of(qrCode(block));
            case "barcode" -> List.of(barcode(block));
            case "page-number" -> List.of(pageNumber(block, page));
            default -> List.of();
        };
    }

    private Paragraph paragraph(JsonNode block) {
        TextLook base = layout.text(block.get("styles"));
        Paragraph p = new Paragraph().setMargin(0).setMarginBottom(base.size() * 0.6f)
                .setMultipliedLeading(base.lineHeight());
        for (JsonNode run : Layout.runs(block)) {
            TextLook look = base.withRun(run);
            if (run.has("link_url") && !run.has("color")) {
                look = layout.link(look);
            }
            Text text = text(run.path("text").asText(), look);
            if (run.has("link_url")) {
                text.setAction(PdfAction.createURI(run.get("link_url").asText()));
            }
            p.add(text);
        }
        align(p, block.path("text_alignment").asText("left"));
        return p;
    }

    private Text text(String content, TextLook look) {
        Text text = new Text(content).setFont(fonts.font(look)).setFontSize(look.size())
                .setFontColor(color(look.color()));
        if (look.underline()) {
            text.setUnderline(Math.max(0.5f, look.size() / 18), -look.size() / 8);
        }
        return text;
    }

    private Paragraph headline(JsonNode block, boolean body) {
        TextLook look = layout.headline(block);
        JsonNode style = layout.style("headline", block.get("styles"));
        Paragraph p = new Paragraph(text(block.path("text").asText(), look))
                .setMarginTop((float) style.path("spacing_before_in_pt").asDouble())
                .setMarginBottom((float) style.path("spacing_after_in_pt").asDouble())
                .setMultipliedLeading(1.2f).setKeepWithNext(true);
        if (body && gridDepth == 0) {
            int index = headlineCounter++;
            p.setDestination("h" + index);
            if (recordPages != null) {
                p.setNextRenderer(new PageRecorder(p, index, recordPages));
            }
        }
        return p;
    }

    /** Remembers on which page a headline is drawn, for the table of contents. */
    private static final class PageRecorder extends ParagraphRenderer {
        private final int index;
        private final Map<Integer, Integer> pages;

        PageRecorder(Paragraph p, int index, Map<Integer, Integer> pages) {
            super(p);
            this.index = index;
            this.pages = pages;
        }

        @Override
        public void draw(DrawContext context) {
            super.draw(context);
            pages.putIfAbsent(index, getOccupiedArea().getPageNumber());
        }

        @Override
        public IRenderer getNextRenderer() {
            return new PageRecorder((Paragraph) modelElement, index, pages);
        }
    }

    private List<IElement> tableOfContents(JsonNode block) {
        List<IElement> out = new ArrayList<>();
        TextLook look = layout.text(block.get("styles"));
        if (block.has("title")) {
            JsonNode title = block.get("title");
            out.add(new Paragraph(text(title.asText(), look.withBold(true).withSize(look.size() * 1.3f)))
                    .setMarginBottom(6));
        }
        List<String> levels = new ArrayList<>();
        if (block.has("levels")) {
            block.get("levels").forEach(l -> levels.add(l.asText()));
        } else {
            levels.addAll(List.of("h1", "h2", "h3"));
        }
        boolean dots = !"none".equals(block.path("leader").asText("dots"));
        float width = layout.contentWidth();
        int index = 0;
        for (JsonNode candidate : layout.document.path("content")) {
            if (!"headline".equals(candidate.path("type").asText())) {
                continue;
            }
            int headline = index++;
            JsonNode toc = candidate.path("table_of_contents");
            String level = toc.path("level_override").asText(candidate.path("level").asText());
            if (!toc.path("is_included").asBoolean(true) || !levels.contains(candidate.path("level").asText())) {
                continue;
            }
            String label = toc.path("label_override").asText(candidate.path("text").asText());
            Integer page = knownPages == null ? null : knownPages.get(headline);
            Paragraph entry = new Paragraph().setMargin(0).setMarginBottom(3)
                    .setMarginLeft((Layout.level(level) - 1) * 14f)
                    .addTabStops(new TabStop(width - (Layout.level(level) - 1) * 14f, TabAlignment.RIGHT,
                            dots ? new DottedLine(0.8f, 3) : null));
            entry.add(text(label, look)).add(new Tab()).add(text(page == null ? "00" : page.toString(), look));
            entry.setAction(PdfAction.createGoTo("h" + headline));
            align(entry, block.path("text_alignment").asText("left"));
            out.add(entry);
        }
        return out;
    }

    private Image image(JsonNode block, String path) {
        String key = block.has("file") ? "file:" + block.get("file").path("blob_id").asText(path) : path;
        PdfImageXObject xObject = images.get(key);
        if (xObject == null) {
            String at = path + (block.has("file") ? ".file" : ".buffer");
            byte[] bytes = block.has("file") ? assets.read(block.get("file"), at)
                    : assets.base64(block.path("buffer").asText(), at);
            ImageProbe.check(bytes, limits.maxImagePixels(), at);
            ImageData data;
            try {
                data = ImageDataFactory.create(bytes);
            } catch (Exception e) {
                throw new OperationException(ErrorInfo.permanent("unsupported_format", at
                        + ": not an image this renderer can read (PNG, JPEG, GIF, BMP or TIFF)"));
            }
            xObject = new PdfImageXObject(data);
            images.put(key, xObject);
        }
        float w = (float) block.path("width_in_pt").asDouble();
        float h = (float) block.path("height_in_pt").asDouble();
        Image image = new Image(xObject);
        if ("cover".equals(block.path("fit").asText())) {
            image.scaleAbsolute(w, h);
            image.setObjectFit(com.itextpdf.layout.properties.ObjectFit.COVER);
        } else {
            image.scaleToFit(w, h);
        }
        JsonNode style = layout.style("image", block.get("styles"));
        float border = (float) style.path("border_width_in_pt").asDouble();
        if (border > 0) {
            image.setBorder(new SolidBorder(color(style.path("border_color").asText()), border));
        }
        return image.setMarginBottom(6);
    }

    private Table table(JsonNode block, String path, int[] page) {
        JsonNode style = layout.style("table", block.get("styles"));
        int columns = Tables.columns(block);
        float[] widths = new float[columns];
        JsonNode given = block.get("column_widths_in_percent");
        for (int i = 0; i < columns; i++) {
            widths[i] = given != null ? (float) given.get(i).asDouble() : 1f;
        }
        Table table = new Table(UnitValue.createPercentArray(widths)).useAllAvailableWidth().setMarginBottom(10);
        JsonNode border = style.path("border");
        JsonNode outer = border.path("outer");
        table.setBorderTop(border(outer.path("top")));
        table.setBorderRight(border(outer.path("right")));
        table.setBorderBottom(border(outer.path("bottom")));
        table.setBorderLeft(border(outer.path("left")));
        Border horizontal = border(border.path("inner").path("horizontal"));
        Border vertical = border(border.path("inner").path("vertical"));
        TextLook text = layout.text(null);
        JsonNode header = block.get("header");
        if (header != null) {
            JsonNode hs = style.path("header");
            TextLook look = text.withSize((float) hs.path("font_size_in_pt").asDouble())
                    .withColor(hs.path("text_color").asText())
                    .withBold(DocumentDefaults.isBold(hs.path("font_weight").asText("bold")));
            for (JsonNode cell : header.path("cells")) {
                table.addHeaderCell(cell(cell, look, hs.path("background_color").asText(""), horizontal, vertical));
            }
        }
        JsonNode bs = style.path("body");
        TextLook body = text.withSize((float) bs.path("font_size_in_pt").asDouble())
                .withColor(bs.path("text_color").asText());
        JsonNode rows = block.path("rows");
        for (int r = 0; r < rows.size(); r++) {
            if (page == null && r % 64 == 0) {
                limits.checkTime();
            }
            for (JsonNode cell : rows.get(r).path("cells")) {
                table.addCell(cell(cell, body, bs.path("background_color").asText(""), horizontal, vertical));
            }
        }
        return table;
    }


    private Cell cell(JsonNode cell, TextLook base, String background, Border horizontal, Border vertical) {
        JsonNode s = cell.path("styles");
        TextLook look = base;
        if (s.has("font_size_in_pt")) {
            look = look.withSize((float) s.get("font_size_in_pt").asDouble());
        }
        if (s.has("text_color")) {
            look = look.withColor(s.get("text_color").asText());
        }
        if (s.has("font_weight")) {
            look = look.withBold(DocumentDefaults.isBold(s.get("font_weight").asText()));
        }
        if (s.has("is_italic")) {
            look = new TextLook(look.family(), look.size(), look.color(), look.bold(),
                    s.get("is_italic").asBoolean(), look.underline(), look.lineHeight());
        }
        Cell c = new Cell(Math.max(1, cell.path("row_span").asInt(1)), Math.max(1, cell.path("column_span").asInt(1)))
                .setPadding(4).setPaddingLeft(5).setPaddingRight(5);
        c.add(new Paragraph(text(cell.path("text").asText(), look)).setMargin(0).setMultipliedLeading(1.2f));
        String bg = s.path("background_color").asText(background);
        if (!bg.isEmpty()) {
            c.setBackgroundColor(color(bg));
        }
        c.setBorderTop(horizontal).setBorderBottom(horizontal).setBorderLeft(vertical).setBorderRight(vertical);
        align(c, cell.path("horizontal_alignment").asText("left"));
        return c;
    }

    private Table grid(JsonNode block, String path, int[] page) {
        JsonNode style = layout.style("grid", block.get("styles"));
        JsonNode columns = block.path("columns");
        int total = 0;
        for (JsonNode column : columns) {
            total += column.path("column_span").asInt();
        }
        int count = columns.size() + (total < 12 ? 1 : 0);
        float[] widths = new float[count];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).path("column_span").asInt();
        }
        if (total < 12) {
            widths[count - 1] = 12 - total;
        }
        Table grid = new Table(UnitValue.createPercentArray(widths)).useAllAvailableWidth().setMarginBottom(8);
        float gap = (float) style.path("gap_in_pt").asDouble();
        float borderWidth = (float) style.path("border_width_in_pt").asDouble();
        Border border = borderWidth > 0 ? new SolidBorder(color(style.path("border_color").asText()), borderWidth)
                : Border.NO_BORDER;
        grid.setBorder(Border.NO_BORDER);
        String background = style.path("background_color").asText("");
        for (int i = 0; i < count; i++) {
            Cell cell = new Cell().setBorder(border).setPaddingTop(borderWidth > 0 ? 4 : 0)
                    .setPaddingBottom(borderWidth > 0 ? 4 : 0)
                    .setPaddingLeft(i == 0 && borderWidth == 0 ? 0 : gap / 2)
                    .setPaddingRight(i == count - 1 && borderWidth == 0 ? 0 : gap / 2);
            if (i < columns.size()) {
                JsonNode column = columns.get(i);
                String at = path + ".columns[" + i + "].blocks";
                JsonNode blocks = column.path("blocks");
                String h = column.path("horizontal_alignment").asText(block.path("horizontal_alignment").asText("left"));
                HorizontalAlignment boxAlign = h.equals("center") ? HorizontalAlignment.CENTER
                        : h.equals("right") ? HorizontalAlignment.RIGHT : HorizontalAlignment.LEFT;
                for (int b = 0; b < blocks.size(); b++) {
                    gridDepth++;
                    List<IElement> elements;
                    try {
                        elements = block(blocks.get(b), at + "[" + b + "]", page);
                    } finally {
                        gridDepth--;
                    }
                    for (IElement element : elements) {
                        if (element instanceof Image image) {
                            cell.add(image.setHorizontalAlignment(boxAlign));
                        } else if (element instanceof Div div) {
                            cell.add(div.setHorizontalAlignment(boxAlign));
                        } else if (element instanceof com.itextpdf.layout.element.IBlockElement e) {
                            cell.add(e);
                        }
                    }
                }
                if (!background.isEmpty()) {
                    cell.setBackgroundColor(color(background));
                }
                align(cell, h);
                String v = column.path("vertical_alignment").asText(block.path("vertical_alignment").asText("top"));
                cell.setVerticalAlignment(v.equals("center") ? VerticalAlignment.MIDDLE
                        : v.equals("bottom") ? VerticalAlignment.BOTTOM : VerticalAlignment.TOP);
            } else {
                cell.setBorder(Border.NO_BORDER);
            }
            grid.addCell(cell);
        }
        return grid;
    }

    private com.itextpdf.layout.element.List list(JsonNode block) {
        JsonNode style = layout.style("list", block.get("styles"));
        TextLook look = TextLook.of(style.path("text_style"));
        return list(block.path("items"), block.path("variant").asText("unordered"), look,
                style.path("marker_color").asText(), (float) style.path("marker_gap_in_pt").asDouble(), 0);
    }

    private com.itextpdf.layout.element.List list(JsonNode items, String variant, TextLook look, String marker,
                                                  float gap, int depth) {
        com.itextpdf.layout.element.List list;
        if ("ordered".equals(variant)) {
            list = new com.itextpdf.layout.element.List(depth % 2 == 0 ? ListNumberingType.DECIMAL
                    : ListNumberingType.ENGLISH_LOWER);
            list.setPostSymbolText(". ");
        } else {
            list = new com.itextpdf.layout.element.List().setListSymbol(depth % 2 == 0 ? "•" : "◦");
        }
        list.setFont(fonts.font(look)).setFontSize(look.size()).setFontColor(color(marker)).setSymbolIndent(gap)
                .setMarginLeft(depth == 0 ? 6 : 14).setMarginBottom(depth == 0 ? look.size() * 0.6f : 0);
        for (JsonNode item : items) {
            ListItem li = new ListItem();
            li.add(new Paragraph(text(item.path("text").asText(), look)).setMargin(0)
                    .setMultipliedLeading(look.lineHeight()));
            if (item.has("items")) {
                li.add(list(item.get("items"), item.path("variant").asText(variant), look, marker, gap, depth + 1));
            }
            list.add(li);
        }
        return list;
    }

    private LineSeparator separator(JsonNode block) {
        JsonNode style = layout.style("separator", block.get("styles"));
        float thickness = (float) style.path("thickness_in_pt").asDouble();
        SolidLine line = new SolidLine(Math.max(thickness, 0.01f));
        line.setColor(color(thickness > 0 ? style.path("color").asText() : "FFFFFF"));
        if (thickness <= 0) {
            line.setLineWidth(0);
        }
        LineSeparator separator = new LineSeparator(line);
        separator.setMarginTop((float) style.path("spacing_before_in_pt").asDouble());
        separator.setMarginBottom((float) style.path("spacing_after_in_pt").asDouble());
        return separator;
    }

    private Div qrCode(JsonNode block) {
        Map<EncodeHintType, Object> hints = new HashMap<>();
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
        BarcodeQRCode qr = new BarcodeQRCode(block.path("value").asText(), hints);
        PdfFormXObject form = qr.createFormXObject(color(block.path("fg_hex_color").asText("000000")), pdf);
        float w = (float) block.path("width_in_pt").asDouble();
        float h = (float) block.path("height_in_pt").asDouble();
        Image image = new Image(form).scaleToFit(w, h).setHorizontalAlignment(HorizontalAlignment.CENTER);
        return box(image, w, h, block.path("bg_hex_color").asText("FFFFFF"));
    }

    private Div barcode(JsonNode block) {
        String format = block.path("format").asText();
        String value = block.path("value").asText();
        com.itextpdf.kernel.font.PdfFont font = fonts.font(layout.text(null));
        Barcode1D code = switch (format) {
            case "ean13", "ean8" -> {
                BarcodeEAN ean = new BarcodeEAN(pdf, font);
                ean.setCodeType(format.equals("ean13") ? BarcodeEAN.EAN13 : BarcodeEAN.EAN8);
                ean.setCode(Barcodes.eanWithCheckDigit(value));
                yield ean;
            }
            case "code39" -> {
                Barcode39 c = new Barcode39(pdf, font);
                c.setCode(value);
                yield c;
            }
            case "itf" -> {
                BarcodeInter25 c = new BarcodeInter25(pdf, font);
                c.setCode(value);
                yield c;
            }
            case "codabar" -> {
                BarcodeCodabar c = new BarcodeCodabar(pdf, font);
                c.setCode(value.matches("[A-Da-d].*[A-Da-d]") ? value.toUpperCase() : "A" + value + "B");
                yield c;
            }
            default -> {
                Barcode128 c = new Barcode128(pdf, font);
                c.setCodeType(Barcode128.CODE128);
                c.setCode(value);
                yield c;
            }
        };
        DeviceRgb fg = color(block.path("fg_hex_color").asText("000000"));
        PdfFormXObject form = code.createFormXObject(fg, fg, pdf);
        float w = (float) block.path("width_in_pt").asDouble();
        float h = (float) block.path("height_in_pt").asDouble();
        Image image = new Image(form).scaleAbsolute(w, h);
        return box(image, w, h, block.path("bg_hex_color").asText("FFFFFF"));
    }

    private static Div box(Image image, float w, float h, String background) {
        Div div = new Div().setWidth(w).setHeight(h).setMarginBottom(6).add(image);
        div.setBackgroundColor(color(background));
        div.setProperty(Property.OVERFLOW_X, OverflowPropertyValue.HIDDEN);
        div.setProperty(Property.OVERFLOW_Y, OverflowPropertyValue.HIDDEN);
        return div;
    }

    private Paragraph pageNumber(JsonNode block, int[] page) {
        TextLook look = layout.text(block.get("styles"));
        String format = block.path("format").asText("{page}");
        String text = page == null ? format : format.replace("{page}", Integer.toString(page[0]))
                .replace("{pages}", Integer.toString(page[1]));
        Paragraph p = new Paragraph(text(text, look)).setMargin(0);
        align(p, block.path("text_alignment").asText("left"));
        return p;
    }

    private static void align(com.itextpdf.layout.element.BlockElement<?> element, String alignment) {
        element.setTextAlignment(switch (alignment) {
            case "center" -> TextAlignment.CENTER;
            case "right" -> TextAlignment.RIGHT;
            case "justify" -> TextAlignment.JUSTIFIED;
            default -> TextAlignment.LEFT;
        });
    }

    private static Border border(JsonNode style) {
        float width = (float) style.path("width_in_pt").asDouble(0);
        return width <= 0 ? Border.NO_BORDER : new SolidBorder(color(style.path("color").asText("000000")), width);
    }

    static DeviceRgb color(String hex) {
        String h = TextLook.hex(hex);
        return new DeviceRgb(Integer.parseInt(h.substring(0, 2), 16), Integer.parseInt(h.substring(2, 4), 16),
                Integer.parseInt(h.substring(4, 6), 16));
    }
}
