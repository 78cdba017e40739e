package io.lamina.docgen.render.epub;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.ErrorInfo;
import io.lamina.docgen.fonts.FontLibrary;
import io.lamina.docgen.model.BundledFonts;
import io.lamina.docgen.model.DocumentDefaults;
import io.lamina.docgen.render.Assets;
import io.lamina.docgen.render.CodeImages;
import io.lamina.docgen.render.Layout;
import io.lamina.docgen.render.Pictures;
import io.lamina.docgen.render.RenderLimits;
import io.lamina.ops.runtime.OperationException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The document model to an EPUB 3 book: one XHTML content document per page-break section, a navigation document
 * built from the headlines, a style sheet from the document's styles, and images, QR codes, barcodes and supplied
 * fonts as resources of the OCF container ({@code mimetype} first and stored). EPUB is reflowable: page size, margins
 * and page numbers have no meaning there; the header is written once before the content and the footer once after
 * it (see the service README).
 */
public final class EpubRenderer {

    public static final String MIME_TYPE = "application/epub+zip";

    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String OPS = "http://www.idpf.org/2007/ops";

    private final FontLibrary fonts;
    private final boolean embedBundledFonts;

    public EpubRenderer(FontLibrary fonts, boolean embedBundledFonts) {
        this.fonts = fonts;
        this.embedBundledFonts = embedBundledFonts;
    }

    /** Writes the book; returns the number of content documents (sections). */
    public int render(JsonNode document, Assets assets, RenderLimits limits, OutputStream out) throws IOException {
        Book book = new Book(new Layout(document), assets, limits);
        book.build();
        book.write(out);
        return book.sections.size();
    }

    /** A headline of the content, where it is and how the tables of contents name it. */
    private record Headline(String label, String level, int navLevel, boolean included, String href) {
    }

    private final class Book {
        private final Layout layout;
        private final Assets assets;
        private final RenderLimits limits;
        private final List<List<Integer>> sectionBlocks = new ArrayList<>();
        private final List<String> sections = new ArrayList<>();
        private final List<Headline> headlines = new ArrayList<>();
        /** Resources other than the content documents: href → media type and bytes, in manifest order. */
        private final Map<String, Object[]> resources = new LinkedHashMap<>();
        private final Map<String, String> imageHrefs = new HashMap<>();
        private final StringBuilder extraCss = new StringBuilder();
        private final StringBuilder fontFaces = new StringBuilder();
        private int headlineIndex;
        private int classes;

        Book(Layout layout, Assets assets, RenderLimits limits) {
            this.layout = layout;
            this.assets = assets;
            this.limits = limits;
        }

        void build() {
            split();
            embedFonts();
            for (int s = 0; s < sectionBlocks.size(); s++) {
                limits.checkTime();
                sections.add(section(s));
            }
        }

        /** Top-level page breaks start a new content document; empty sections are left out. */
        private void split() {
            List<Integer> current = new ArrayList<>();
            JsonNode content = layout.document.path("content");
            for (int i = 0; i <= content.size(); i++) {
                if (i == content.size() || "page-break".equals(content.get(i).path("type").asText())) {
                    if (!current.isEmpty()) {
                        sectionBlocks.add(current);
                    }
                    current = new ArrayList<>();
                } else {
                    current.add(i);
                }
            }
            if (sectionBlocks.isEmpty()) {
                sectionBlocks.add(List.of());
            }
            if (sectionBlocks.size() > limits.maxPages()) {
                throw new OperationException(ErrorInfo.permanent("limit_exceeded", "the book has "
                        + sectionBlocks.size() + " sections (page breaks), over " + limits.maxPages()
                        + " (lamina.docgen.max-pages)"));
            }
            int index = 0;
            for (int s = 0; s < sectionBlocks.size(); s++) {
                for (int i : sectionBlocks.get(s)) {
                    JsonNode block = content.get(i);
                    if ("headline".equals(block.path("type").asText())) {
                        JsonNode toc = block.path("table_of_contents");
                        String level = block.path("level").asText("h1");
                        headlines.add(new Headline(toc.path("label_override").asText(block.path("text").asText()),
                                level, Layout.level(toc.path("level_override").asText(level)),
                                toc.path("is_included").asBoolean(true), fileName(s) + "#h-" + index++));
                    }
                }
            }
        }

        private String fileName(int section) {
            return "section-" + (section + 1) + ".xhtml";
        }

        private String section(int s) {
            Xml x = new Xml();
            x.raw("<!DOCTYPE html>\n");
            x.start("html", "xmlns", XHTML, "xmlns:epub", OPS, "xml:lang", layout.language(), "lang",
                    layout.language());
            head(x, layout.title().isEmpty() ? "Document" : layout.title());
            x.start("body");
            boolean first = s == 0;
            boolean last = s == sectionBlocks.size() - 1;
            if (first && layout.document.has("header")) {
                x.start("header", "class", "running-header");
                blocks(x, layout.document.get("header"), "document.header", false);
                x.end();
            }
            JsonNode content = layout.document.path("content");
            for (int i : sectionBlocks.get(s)) {
                limits.checkTime();
                block(x, content.get(i), "document.content[" + i + "]", true);
            }
            if (last && layout.document.has("footer")) {
                x.start("footer", "class", "running-footer");
                blocks(x, layout.document.get("footer"), "document.footer", false);
                x.end();
            }
            x.end().end();
            return x.toString();
        }

        private void head(Xml x, String title) {
            x.start("head");
            x.empty("meta", "charset", "UTF-8");
            x.element("title", title);
            x.empty("link", "rel", "stylesheet", "type", "text/css", "href", "style.css");
            x.end();
        }

        private void blocks(Xml x, JsonNode blocks, String path, boolean top) {
            for (int i = 0; i < blocks.size(); i++) {
                block(x, blocks.get(i), path + "[" + i + "]", top);
            }
        }

        private void block(Xml x, JsonNode block, String path, boolean top) {
            switch (block.path("type").asText()) {
                case "paragraph" -> paragraph(x, block);
                case "headline" -> headline(x, block, top);
                case "image" -> image(x, block, path);
                case "table" -> table(x, block);
                case "grid" -> grid(x, block, path);
                case "list" -> list(x, block);
                case "table-of-contents" -> tableOfContents(x, block);
                case "separator" -> separator(x, block);
                case "qr-code", "barcode" -> code(x, block);
                default -> {
                    // page-number: there are no pages in a reflowable book; page-break: split() made sections
                }
            }
        }

        private void paragraph(Xml x, JsonNode block) {
            Css style = new Css();
            textStyle(style, block.path("styles"));
            style.put("text-align", block.path("text_alignment").asText(null));
            x.start("p", "style", style.orNull());
            runs(x, Layout.runs(block));
            x.end();
        }

        private void runs(Xml x, JsonNode runs) {
            for (JsonNode run : runs) {
                String link = run.path("link_url").asText("");
                boolean anchor = !link.isEmpty() && !link.startsWith("#");
                if (anchor) {
                    x.start("a", "href", link);
                }
                int open = 0;
                if (run.has("font_weight") && DocumentDefaults.isBold(run.get("font_weight").asText())) {
                    x.start("strong");
                    open++;
                }
                if (run.path("is_italic").asBoolean(false)) {
                    x.start("em");
                    open++;
                }
                if (run.path("is_underlined").asBoolean(false)) {
                    x.start("u");
                    open++;
                }
                Css style = new Css();
                if (run.has("font_weight") && !DocumentDefaults.isBold(run.get("font_weight").asText())) {
                    style.put("font-weight", weight(run.get("font_weight").asText()));
                }
                if (run.has("is_italic") && !run.get("is_italic").asBoolean()) {
                    style.put("font-style", "normal");
                }
                if (run.has("color")) {
                    style.put("color", color(run.get("color").asText()));
                }
                if (run.has("font_size_in_pt")) {
                    style.put("font-size", pt(run.get("font_size_in_pt").asDouble()));
                }
                if (run.has("font_family")) {
                    style.put("font-family", family(run.get("font_family").asText()));
                }
                if (!style.isEmpty()) {
                    x.start("span", "style", style.toString());
                    open++;
                }
                lines(x, run.path("text").asText());
                for (int i = 0; i < open; i++) {
                    x.end();
                }
                if (anchor) {
                    x.end();
                }
            }
        }

        private void lines(Xml x, String text) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    x.empty("br");
                }
                x.text(lines[i]);
            }
        }

        private void headline(Xml x, JsonNode block, boolean top) {
            String level = block.path("level").asText("h1");
            Css style = new Css();
            JsonNode s = block.path("styles");
            textStyle(style, s);
            if (s.has("spacing_before_in_pt")) {
                style.put("margin-top", pt(s.get("spacing_before_in_pt").asDouble()));
            }
            if (s.has("spacing_after_in_pt")) {
                style.put("margin-bottom", pt(s.get("spacing_after_in_pt").asDouble()));
            }
            x.element(level, block.path("text").asText(), "id", top ? "h-" + headlineIndex++ : null,
                    "style", style.orNull());
        }

        private void tableOfContents(Xml x, JsonNode block) {
            Css style = new Css();
            textStyle(style, block.path("styles"));
            style.put("text-align", block.path("text_alignment").asText(null));
            x.start("nav", "class", "toc", "style", style.orNull());
            if (block.has("title")) {
                x.element("p", block.get("title").asText(), "class", "toc-title");
            }
            Set<String> levels = new LinkedHashSet<>();
            block.path("levels").forEach(l -> levels.add(l.asText()));
            if (levels.isEmpty()) {
                levels.addAll(List.of("h1", "h2", "h3"));
            }
            for (Headline h : headlines) {
                if (h.included && levels.contains(h.level)) {
                    x.start("p", "class", "toc-entry", "style", "margin-left: " + pt((h.navLevel - 1) * 14));
                    x.element("a", h.label, "href", h.href);
                    x.end();
                }
            }
            x.end();
        }

        private void image(Xml x, JsonNode block, String path) {
            String key = block.has("file") ? "file:" + block.get("file").path("blob_id").asText(path) : path;
            Pictures.Picture picture = Pictures.of(block, path, assets, limits.maxImagePixels());
            String href = imageHrefs.computeIfAbsent(key, k -> resource("images/image-" + (imageHrefs.size() + 1)
                    + "." + picture.extension(), picture.mimeType(), picture.bytes()));
            Pictures.Box box = Pictures.box(block, picture);
            JsonNode s = layout.style("image", block.get("styles"));
            Css style = new Css().put("width", pt(box.width()));
            double border = s.path("border_width_in_pt").asDouble();
            if (border > 0) {
                style.put("border", pt(border) + " solid " + color(s.path("border_color").asText()));
            }
            x.start("div", "class", "image");
            x.empty("img", "src", href, "alt", "", "style", style.toString());
            x.end();
        }

        private void code(Xml x, JsonNode block) {
            boolean qr = "qr-code".equals(block.path("type").asText());
            String href = resource("images/code-" + (resources.size() + 1) + ".png", "image/png",
                    CodeImages.png(block));
            Css style = new Css().put("width", pt(block.path("width_in_pt").asDouble()))
                    .put("height", pt(block.path("height_in_pt").asDouble()));
            if (qr) {
                style.put("object-fit", "contain")
                        .put("background-color", color(block.path("bg_hex_color").asText("#FFFFFF")));
            }
            String value = block.path("value").asText();
            x.start("div", "class", "code");
            x.empty("img", "src", href, "alt", (qr ? "QR code: " : "Barcode: ") + value, "style", style.toString());
            x.end();
        }

        private void separator(Xml x, JsonNode block) {
            JsonNode s = layout.style("separator", block.get("styles"));
            double thickness = s.path("thickness_in_pt").asDouble();
            Css style = new Css().put("border", "none")
                    .put("border-top", thickness > 0 ? pt(thickness) + " solid " + color(s.path("color").asText())
                            : "none")
                    .put("margin", pt(s.path("spacing_before_in_pt").asDouble()) + " 0 "
                            + pt(s.path("spacing_after_in_pt").asDouble()) + " 0");
            x.empty("hr", "style", style.toString());
        }

        private void table(Xml x, JsonNode block) {
            String cls = null;
            if (block.has("styles")) {
                cls = "t" + ++classes;
                extraCss.append(tableCss("table." + cls, layout.style("table", block.get("styles"))));
            }
            x.start("table", "class", cls);
            JsonNode widths = block.get("column_widths_in_percent");
            if (widths != null) {
                double sum = 0;
                for (JsonNode w : widths) {
                    sum += w.asDouble();
                }
                x.start("colgroup");
                for (JsonNode w : widths) {
                    x.empty("col", "style", "width: " + fmt(w.asDouble() / sum * 100) + "%");
                }
                x.end();
            }
            if (block.has("header")) {
                x.start("thead").start("tr");
                for (JsonNode cell : block.get("header").path("cells")) {
                    cell(x, "th", cell);
                }
                x.end().end();
            }
            x.start("tbody");
            int r = 0;
            for (JsonNode row : block.path("rows")) {
                if (++r % 64 == 0) {
                    limits.checkTime();
                }
                x.start("tr");
                for (JsonNode cell : row.path("cells")) {
                    cell(x, "td", cell);
                }
                x.end();
            }
            x.end().end();
        }

        private void cell(Xml x, String tag, JsonNode cell) {
            Css style = new Css();
            style.put("text-align", cell.path("horizontal_alignment").asText(null));
            JsonNode s = cell.path("styles");
            if (s.has("background_color")) {
                style.put("background-color", color(s.get("background_color").asText()));
            }
            if (s.has("font_size_in_pt")) {
                style.put("font-size", pt(s.get("font_size_in_pt").asDouble()));
            }
            if (s.has("font_weight")) {
                style.put("font-weight", weight(s.get("font_weight").asText()));
            }
            if (s.has("is_italic")) {
                style.put("font-style", s.get("is_italic").asBoolean() ? "italic" : "normal");
            }
            if (s.has("text_color")) {
                style.put("color", color(s.get("text_color").asText()));
            }
            int colSpan = cell.path("column_span").asInt(1);
            int rowSpan = cell.path("row_span").asInt(1);
            x.start(tag, "colspan", colSpan > 1 ? Integer.toString(colSpan) : null,
                    "rowspan", rowSpan > 1 ? Integer.toString(rowSpan) : null, "style", style.orNull());
            lines(x, cell.path("text").asText());
            x.end();
        }

        /** A 12-column CSS grid; a reading system without CSS grid shows the columns one below the other. */
        private void grid(Xml x, JsonNode block, String path) {
            JsonNode s = layout.style("grid", block.get("styles"));
            Css style = new Css().put("column-gap", pt(s.path("gap_in_pt").asDouble()))
                    .put("row-gap", pt(s.path("gap_in_pt").asDouble()));
            String bg = s.path("background_color").asText("");
            if (!bg.isEmpty()) {
                style.put("background-color", color(bg));
            }
            double border = s.path("border_width_in_pt").asDouble();
            if (border > 0) {
                style.put("border", pt(border) + " solid " + color(s.path("border_color").asText()));
            }
            x.start("div", "class", "grid", "style", style.toString());
            JsonNode columns = block.path("columns");
            for (int i = 0; i < columns.size(); i++) {
                JsonNode column = columns.get(i);
                Css cs = new Css().put("grid-column", "span " + column.path("column_span").asInt(12));
                cs.put("text-align", column.path("horizontal_alignment")
                        .asText(block.path("horizontal_alignment").asText(null)));
                String vertical = column.path("vertical_alignment").asText(block.path("vertical_alignment")
                        .asText(""));
                cs.put("align-self", switch (vertical) {
                    case "center" -> "center";
                    case "bottom" -> "end";
                    case "top" -> "start";
                    default -> null;
                });
                x.start("div", "class", "column", "style", cs.toString());
                blocks(x, column.path("blocks"), path + ".columns[" + i + "].blocks", false);
                x.end();
            }
            x.end();
        }

        private void list(Xml x, JsonNode block) {
            String cls = "list";
            if (block.has("styles")) {
                cls = "list l" + ++classes;
                extraCss.append(listCss(".l" + classes, layout.style("list", block.get("styles"))));
            }
            String variant = block.path("variant").asText("unordered");
            items(x, block.path("items"), variant, cls);
        }

        private void items(Xml x, JsonNode items, String variant, String cls) {
            x.start("ordered".equals(variant) ? "ol" : "ul", "class", cls);
            for (JsonNode item : items) {
                x.start("li");
                lines(x, item.path("text").asText());
                if (item.has("items")) {
                    items(x, item.get("items"), item.path("variant").asText(variant), null);
                }
                x.end();
            }
            x.end();
        }

        private void textStyle(Css style, JsonNode s) {
            if (s.has("color")) {
                style.put("color", color(s.get("color").asText()));
            }
            if (s.has("font_family")) {
                style.put("font-family", family(s.get("font_family").asText()));
            }
            if (s.has("font_size_in_pt")) {
                style.put("font-size", pt(s.get("font_size_in_pt").asDouble()));
            }
            if (s.has("font_weight")) {
                style.put("font-weight", weight(s.get("font_weight").asText()));
            }
            if (s.has("is_italic")) {
                style.put("font-style", s.get("is_italic").asBoolean() ? "italic" : "normal");
            }
            if (s.has("line_height")) {
                style.put("line-height", fmt(s.get("line_height").asDouble()));
            }
        }

        private String resource(String href, String mediaType, byte[] bytes) {
            resources.put(href, new Object[] {mediaType, bytes});
            return href;
        }

        /** Supplied fonts always (a reading system cannot have them); the bundled families used, if configured. */
        private void embedFonts() {
            JsonNode supplied = layout.document.path("fonts");
            for (int i = 0; i < supplied.size(); i++) {
                JsonNode font = supplied.get(i);
                String at = "document.fonts[" + i + "].file";
                byte[] bytes = assets.read(font.get("file"), at);
                String kind = fontKind(bytes);
                if (kind == null) {
                    throw new OperationException(ErrorInfo.permanent("malformed_document", at
                            + ": not a TrueType or OpenType font"));
                }
                String href = resource("fonts/font-" + (i + 1) + "." + kind, "font/" + kind, bytes);
                fontFace(font.path("name").asText().trim(), "italic".equals(font.path("style").asText()),
                        weight(font.path("weight").asText("regular")), href);
            }
            if (!embedBundledFonts) {
                return;
            }
            Set<String> families = new LinkedHashSet<>();
            collectFamilies(layout.styles, families);
            collectFamilies(layout.document, families);
            for (String family : families) {
                for (FontLibrary.Face face : FontLibrary.Face.values()) {
                    String file = fonts.fileName(family, face);
                    String href = resource("fonts/" + file, "font/ttf", fonts.bytes(family, face));
                    boolean bold = face == FontLibrary.Face.BOLD || face == FontLibrary.Face.BOLD_ITALIC;
                    boolean italic = face == FontLibrary.Face.ITALIC || face == FontLibrary.Face.BOLD_ITALIC;
                    fontFace(family, italic, bold ? "700" : "400", href);
                }
            }
        }

        private void collectFamilies(JsonNode node, Set<String> families) {
            if (node.isObject()) {
                node.fields().forEachRemaining(e -> {
                    if (e.getKey().equals("font_family") && e.getValue().isTextual()) {
                        BundledFonts.resolve(e.getValue().asText()).ifPresent(families::add);
                    } else if (e.getKey().equals("markdown") && e.getValue().asText().contains("`")) {
                        families.add("Liberation Mono");
                    } else {
                        collectFamilies(e.getValue(), families);
                    }
                });
            } else if (node.isArray()) {
                node.forEach(n -> collectFamilies(n, families));
            }
        }

        private void fontFace(String family, boolean italic, String weight, String href) {
            fontFaces.append("@font-face { font-family: \"").append(cssString(family)).append("\"; font-style: ")
                    .append(italic ? "italic" : "normal").append("; font-weight: ").append(weight)
                    .append("; src: url(\"").append(href).append("\"); }\n");
        }

        private String css() {
            StringBuilder css = new StringBuilder(fontFaces);
            JsonNode text = layout.styles.path("text");
            Css body = new Css().put("font-family", family(text.path("font_family").asText()))
                    .put("font-size", pt(text.path("font_size_in_pt").asDouble()))
                    .put("color", color(text.path("color").asText()))
                    .put("line-height", fmt(text.path("line_height").asDouble()))
                    .put("font-weight", weight(text.path("font_weight").asText("regular")))
                    .put("font-style", text.path("is_italic").asBoolean() ? "italic" : "normal");
            String background = layout.backgroundColor();
            if (background != null) {
                body.put("background-color", "#" + background);
            }
            css.append("body { ").append(body).append(" }\n");
            css.append("p { margin: 0 0 ").append(pt(text.path("font_size_in_pt").asDouble() * 0.6)).append(" 0; }\n");
            JsonNode headline = layout.styles.path("headline");
            for (int level = 1; level <= 6; level++) {
                Css h = new Css().put("font-family", family(headline.path("font_family").asText()))
                        .put("font-size", pt(headline.path("font_size_in_pt").asDouble()
                                * DocumentDefaults.headlineScale("h" + level)))
                        .put("color", color(headline.path("color").asText()))
                        .put("font-weight", weight(headline.path("font_weight").asText("bold")))
                        .put("font-style", headline.path("is_italic").asBoolean() ? "italic" : "normal")
                        .put("line-height", "1.2")
                        .put("margin", pt(headline.path("spacing_before_in_pt").asDouble()) + " 0 "
                                + pt(headline.path("spacing_after_in_pt").asDouble()) + " 0")
                        .put("page-break-after", "avoid").put("break-after", "avoid");
                css.append("h").append(level).append(" { ").append(h).append(" }\n");
            }
            JsonNode link = layout.styles.path("link");
            css.append("a { color: ").append(color(link.path("color").asText())).append("; text-decoration: ")
                    .append(link.path("is_underlined").asBoolean(true) ? "underline" : "none").append("; }\n");
            css.append(tableCss("table", layout.styles.path("table")));
            css.append(listCss(".list", layout.styles.path("list")));
            css.append("ul ul, ul ol, ol ol, ol ul { margin: 0; }\n");
            css.append(".grid { display: grid; grid-template-columns: repeat(12, minmax(0, 1fr)); "
                    + "margin: 0 0 10pt 0; }\n");
            css.append(".image, .code { margin: 0 0 6pt 0; }\n");
            css.append("img { max-width: 100%; }\n");
            css.append(".code img { image-rendering: pixelated; }\n");
            css.append(".toc-title { font-weight: bold; font-size: 1.3em; }\n");
            css.append(".toc-entry { margin-top: 0; margin-bottom: 3pt; }\n");
            css.append(".running-footer { margin-top: 2em; }\n");
            css.append(extraCss);
            return css.toString();
        }

        private String tableCss(String scope, JsonNode table) {
            JsonNode header = table.path("header");
            JsonNode body = table.path("body");
            JsonNode inner = table.path("border").path("inner");
            JsonNode outer = table.path("border").path("outer");
            String vertical = border(inner.path("vertical"));
            String horizontal = border(inner.path("horizontal"));
            StringBuilder css = new StringBuilder();
            css.append(scope).append(" { border-collapse: collapse; width: 100%; margin: 0 0 10pt 0; border-top: ")
                    .append(border(outer.path("top"))).append("; border-right: ").append(border(outer.path("right")))
                    .append("; border-bottom: ").append(border(outer.path("bottom"))).append("; border-left: ")
                    .append(border(outer.path("left"))).append("; }\n");
            css.append(scope).append(" th, ").append(scope).append(" td { padding: 2pt 4pt; text-align: left; "
                    + "vertical-align: top; border-left: ").append(vertical).append("; border-right: ")
                    .append(vertical).append("; border-top: ").append(horizontal).append("; border-bottom: ")
                    .append(horizontal).append("; }\n");
            Css th = new Css().put("font-size", pt(header.path("font_size_in_pt").asDouble()))
                    .put("font-weight", weight(header.path("font_weight").asText("bold")))
                    .put("color", color(header.path("text_color").asText()));
            if (!header.path("background_color").asText("").isEmpty()) {
                th.put("background-color", color(header.path("background_color").asText()));
            }
            css.append(scope).append(" th { ").append(th).append(" }\n");
            Css td = new Css().put("font-size", pt(body.path("font_size_in_pt").asDouble()))
                    .put("color", color(body.path("text_color").asText()));
            if (!body.path("background_color").asText("").isEmpty()) {
                td.put("background-color", color(body.path("background_color").asText()));
            }
            css.append(scope).append(" td { ").append(td).append(" }\n");
            return css.toString();
        }

        private String listCss(String scope, JsonNode list) {
            JsonNode text = list.path("text_style");
            Css css = new Css().put("margin", "0 0 6pt 0").put("padding-left", "1.5em");
            textStyle(css, text);
            return scope + " { " + css + " }\n" + scope + " li { padding-left: "
                    + pt(list.path("marker_gap_in_pt").asDouble()) + "; }\n" + scope + " li::marker { color: "
                    + color(list.path("marker_color").asText()) + "; }\n";
        }

        private String border(JsonNode border) {
            double width = border.path("width_in_pt").asDouble(0);
            return width <= 0 ? "none" : pt(width) + " solid " + color(border.path("color").asText("#000000"));
        }

        private String nav() {
            Xml x = new Xml();
            x.raw("<!DOCTYPE html>\n");
            x.start("html", "xmlns", XHTML, "xmlns:epub", OPS, "xml:lang", layout.language(), "lang",
                    layout.language());
            head(x, "Contents");
            x.start("body");
            x.start("nav", "epub:type", "toc", "id", "toc");
            x.element("h1", "Contents");
            List<Node> roots = new ArrayList<>();
            List<Node> path = new ArrayList<>();
            for (Headline h : headlines) {
                if (!h.included) {
                    continue;
                }
                Node node = new Node(h);
                while (!path.isEmpty() && path.get(path.size() - 1).headline.navLevel >= h.navLevel) {
                    path.remove(path.size() - 1);
                }
                (path.isEmpty() ? roots : path.get(path.size() - 1).children).add(node);
                path.add(node);
            }
            if (roots.isEmpty()) {
                // a navigation document needs at least one entry: the start of the book
                roots.add(new Node(new Headline(layout.title().isEmpty() ? "Start" : layout.title(), "h1", 1, true,
                        fileName(0))));
            }
            navList(x, roots);
            x.end().end().end();
            return x.toString();
        }

        private void navList(Xml x, List<Node> nodes) {
            x.start("ol");
            for (Node node : nodes) {
                x.start("li");
                x.element("a", node.headline.label, "href", node.headline.href);
                if (!node.children.isEmpty()) {
                    navList(x, node.children);
                }
                x.end();
            }
            x.end();
        }

        private String opf(Instant modified) {
            JsonNode meta = layout.metadata();
            Xml x = new Xml();
            x.start("package", "xmlns", "http://www.idpf.org/2007/opf", "version", "3.0", "unique-identifier",
                    "uid", "xml:lang", layout.language());
            x.start("metadata", "xmlns:dc", "http://purl.org/dc/elements/1.1/");
            x.element("dc:identifier", "urn:uuid:" + UUID.nameUUIDFromBytes(layout.document.toString()
                    .getBytes(StandardCharsets.UTF_8)), "id", "uid");
            x.element("dc:title", layout.title().isEmpty() ? "Document" : layout.title());
            x.element("dc:language", layout.language());
            if (meta.has("author")) {
                x.element("dc:creator", meta.get("author").asText());
            }
            if (meta.has("subject")) {
                x.element("dc:subject", meta.get("subject").asText());
            }
            if (meta.has("keywords")) {
                for (String keyword : meta.get("keywords").asText().split(",")) {
                    if (!keyword.isBlank()) {
                        x.element("dc:subject", keyword.trim());
                    }
                }
            }
            x.element("meta", modified.truncatedTo(ChronoUnit.SECONDS).toString(), "property", "dcterms:modified");
            x.end();
            x.start("manifest");
            x.empty("item", "id", "nav", "href", "nav.xhtml", "media-type", "application/xhtml+xml", "properties",
                    "nav");
            x.empty("item", "id", "css", "href", "style.css", "media-type", "text/css");
            for (int s = 0; s < sections.size(); s++) {
                x.empty("item", "id", "section-" + (s + 1), "href", fileName(s), "media-type",
                        "application/xhtml+xml");
            }
            int r = 0;
            for (Map.Entry<String, Object[]> e : resources.entrySet()) {
                x.empty("item", "id", "res-" + ++r, "href", e.getKey(), "media-type", (String) e.getValue()[0]);
            }
            x.end();
            x.start("spine");
            for (int s = 0; s < sections.size(); s++) {
                x.empty("itemref", "idref", "section-" + (s + 1));
            }
            x.end();
            x.end();
            return x.toString();
        }

        void write(OutputStream out) throws IOException {
            String css = css();
            ZipOutputStream zip = new ZipOutputStream(out);
            byte[] mimetype = MIME_TYPE.getBytes(StandardCharsets.US_ASCII);
            ZipEntry entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(mimetype.length);
            entry.setCompressedSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(mimetype);
            zip.closeEntry();
            put(zip, "META-INF/container.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                      <rootfiles>
                        <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
                      </rootfiles>
                    </container>
                    """.getBytes(StandardCharsets.UTF_8));
            put(zip, "OEBPS/content.opf", opf(Instant.now()).getBytes(StandardCharsets.UTF_8));
            put(zip, "OEBPS/nav.xhtml", nav().getBytes(StandardCharsets.UTF_8));
            put(zip, "OEBPS/style.css", css.getBytes(StandardCharsets.UTF_8));
            for (int s = 0; s < sections.size(); s++) {
                put(zip, "OEBPS/" + fileName(s), sections.get(s).getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, Object[]> e : resources.entrySet()) {
                put(zip, "OEBPS/" + e.getKey(), (byte[]) e.getValue()[1]);
            }
            zip.finish();
        }

        private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes);
            zip.closeEntry();
        }
    }

    private static final class Node {
        final Headline headline;
        final List<Node> children = new ArrayList<>();

        Node(Headline headline) {
            this.headline = headline;
        }
    }

    /** CSS declarations in order; a null value leaves the property out. */
    private static final class Css {
        private final Map<String, String> declarations = new LinkedHashMap<>();

        Css put(String property, String value) {
            if (value != null) {
                declarations.put(property, value);
            }
            return this;
        }

        boolean isEmpty() {
            return declarations.isEmpty();
        }

        String orNull() {
            return isEmpty() ? null : toString();
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            declarations.forEach((k, v) -> out.append(out.isEmpty() ? "" : " ").append(k).append(": ").append(v)
                    .append(';'));
            return out.toString();
        }
    }

    /** A font-family list: the family (bundled families by their real name) and fallbacks a reader has. */
    static String family(String name) {
        String resolved = BundledFonts.resolve(name).orElse(null);
        if (resolved == null) {
            return "\"" + cssString(name.trim()) + "\", sans-serif";
        }
        return "\"" + resolved + "\", " + switch (resolved) {
            case "Liberation Serif" -> "\"Times New Roman\", Times, serif";
            case "Liberation Mono" -> "\"Courier New\", Courier, monospace";
            case "DejaVu Sans" -> "\"Bitstream Vera Sans\", sans-serif";
            case "DejaVu Serif" -> "\"Bitstream Vera Serif\", serif";
            case "DejaVu Sans Mono" -> "\"Bitstream Vera Sans Mono\", monospace";
            default -> "Arial, Helvetica, sans-serif";
        };
    }

    private static String cssString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\p{Cntrl}]", "");
    }

    static String weight(String name) {
        if (name.matches("[1-9]00")) {
            return name;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "thin" -> "100";
            case "extralight" -> "200";
            case "light" -> "300";
            case "medium" -> "500";
            case "semibold" -> "600";
            case "bold" -> "700";
            case "extrabold" -> "800";
            case "black" -> "900";
            default -> "400";
        };
    }

    /** "ttf", "otf", or null for bytes that are neither. */
    static String fontKind(byte[] bytes) {
        if (bytes.length < 12) {
            return null;
        }
        int tag = ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        return switch (tag) {
            case 0x00010000, 0x74727565 -> "ttf";
            case 0x4F54544F -> "otf";
            default -> null;
        };
    }

    private static String color(String hex) {
        return "#" + (hex.startsWith("#") ? hex.substring(1) : hex).toUpperCase(Locale.ROOT);
    }

    private static String pt(double points) {
        return fmt(points) + "pt";
    }

    private static String fmt(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
