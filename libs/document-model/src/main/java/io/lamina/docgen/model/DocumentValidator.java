package io.lamina.docgen.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.params.Problems;
import io.lamina.params.StepValues;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.lamina.params.Problems.field;
import static io.lamina.params.Problems.index;

/**
 * Walks one document model (Iteration Layer's {@code document} object, with Lamina's additions) and records every
 * problem with its path. Knows nothing about rendering: what passes here, every renderer can draw.
 */
final class DocumentValidator {

    /** Blocks nested in grids and lists deeper than this are refused (a guard against pathological input). */
    static final int MAX_DEPTH = 8;

    static final Set<String> LEVELS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    static final Set<String> BARCODE_FORMATS = Set.of("code128", "ean13", "ean8", "code39", "itf", "codabar");

    private static final Pattern HEX = Pattern.compile("#?[0-9A-Fa-f]{6}");
    private static final Pattern WEIGHT = Pattern.compile(
            "thin|extralight|light|regular|normal|medium|semibold|bold|extrabold|black|[1-9]00");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final Set<String> ALIGN = Set.of("left", "center", "right");
    private static final Set<String> TEXT_ALIGN = Set.of("left", "center", "right", "justify");
    private static final Set<String> VERTICAL = Set.of("top", "center", "bottom");

    private static final Set<String> BODY_BLOCKS = Set.of("paragraph", "headline", "image", "table", "grid", "list",
            "table-of-contents", "page-break", "separator", "qr-code", "barcode");
    private static final Set<String> EDGE_BLOCKS = Set.of("paragraph", "headline", "image", "table", "grid", "list",
            "page-number", "separator");

    // Style schemas: field name -> kind. Nested objects name another schema.
    private static final Map<String, String> TEXT_STYLE = Map.of("color", "hex", "font_family", "font",
            "font_size_in_pt", "size", "font_weight", "weight", "is_italic", "bool", "line_height", "line_height");
    private static final Map<String, String> HEADLINE_STYLE = Map.of("color", "hex", "font_family", "font",
            "font_size_in_pt", "size", "font_weight", "weight", "is_italic", "bool", "spacing_after_in_pt", "pt",
            "spacing_before_in_pt", "pt");
    private static final Map<String, String> GRID_STYLE = Map.of("background_color", "hex", "border_color", "hex",
            "border_width_in_pt", "pt", "gap_in_pt", "pt");
    private static final Map<String, String> IMAGE_STYLE = Map.of("border_color", "hex", "border_width_in_pt", "pt");
    private static final Map<String, String> LINK_STYLE = Map.of("color", "hex", "is_underlined", "bool");
    private static final Map<String, String> LIST_STYLE = Map.of("marker_color", "hex", "marker_gap_in_pt", "pt",
            "text_style", "@text");
    private static final Map<String, String> SEPARATOR_STYLE = Map.of("color", "hex", "spacing_after_in_pt", "pt",
            "spacing_before_in_pt", "pt", "thickness_in_pt", "pt");
    private static final Map<String, String> TABLE_STYLE = Map.of("body", "@table_body", "border", "@table_border",
            "header", "@table_header");
    private static final Map<String, String> TABLE_BODY = Map.of("background_color", "hex", "font_size_in_pt",
            "size", "text_color", "hex");
    private static final Map<String, String> TABLE_HEADER = Map.of("background_color", "hex", "font_size_in_pt",
            "size", "font_weight", "weight", "text_color", "hex");
    private static final Map<String, String> TABLE_BORDER = Map.of("inner", "@inner", "outer", "@outer");
    private static final Map<String, String> INNER = Map.of("horizontal", "@border", "vertical", "@border");
    private static final Map<String, String> OUTER = Map.of("top", "@border", "right", "@border", "bottom",
            "@border", "left", "@border");
    private static final Map<String, String> BORDER = Map.of("color", "hex", "width_in_pt", "pt");
    private static final Map<String, String> CELL_STYLE = Map.of("background_color", "hex", "font_size_in_pt",
            "size", "font_weight", "weight", "is_italic", "bool", "text_color", "hex");
    private static final Map<String, String> DOCUMENT_STYLES = Map.of("grid", "@grid", "headline", "@headline",
            "image", "@image", "link", "@link", "list", "@list", "separator", "@separator", "table", "@table",
            "text", "@text");
    private static final Map<String, Map<String, String>> SCHEMAS = Map.ofEntries(Map.entry("text", TEXT_STYLE),
            Map.entry("headline", HEADLINE_STYLE), Map.entry("grid", GRID_STYLE), Map.entry("image", IMAGE_STYLE),
            Map.entry("link", LINK_STYLE), Map.entry("list", LIST_STYLE), Map.entry("separator", SEPARATOR_STYLE),
            Map.entry("table", TABLE_STYLE), Map.entry("table_body", TABLE_BODY),
            Map.entry("table_header", TABLE_HEADER), Map.entry("table_border", TABLE_BORDER),
            Map.entry("inner", INNER), Map.entry("outer", OUTER), Map.entry("border", BORDER),
            Map.entry("cell", CELL_STYLE), Map.entry("styles", DOCUMENT_STYLES));

    private final Problems problems;
    private final Set<String> fontNames = new HashSet<>();
    private boolean hasToc;

    DocumentValidator(Problems problems) {
        this.problems = problems;
    }

    void document(JsonNode doc, String path) {
        if (!doc.isObject()) {
            problems.add(path, "must be an object (the document model)");
            return;
        }
        allowOnly(doc, path, "content", "fonts", "header", "footer", "header_distance_from_edge_in_pt",
                "footer_distance_from_edge_in_pt", "metadata", "page", "styles");
        fonts(doc.get("fonts"), field(path, "fonts"));
        metadata(doc.get("metadata"), field(path, "metadata"));
        PageSizes.Size size = page(doc.get("page"), field(path, "page"));
        style(doc.get("styles"), field(path, "styles"), "styles");
        nonNegative(doc.get("header_distance_from_edge_in_pt"), field(path, "header_distance_from_edge_in_pt"));
        nonNegative(doc.get("footer_distance_from_edge_in_pt"), field(path, "footer_distance_from_edge_in_pt"));
        JsonNode content = doc.get("content");
        if (content == null) {
            problems.add(field(path, "content"), "required: an array of blocks");
        } else {
            blocks(content, field(path, "content"), BODY_BLOCKS, 0, false);
        }
        JsonNode header = doc.get("header");
        if (header != null) {
            blocks(header, field(path, "header"), EDGE_BLOCKS, 0, true);
        }
        JsonNode footer = doc.get("footer");
        if (footer != null) {
            blocks(footer, field(path, "footer"), EDGE_BLOCKS, 0, true);
        }
        if (size != null && doc.path("page").path("margins").isObject()) {
            JsonNode m = doc.path("page").path("margins");
            double horizontal = m.path("left_in_pt").asDouble(72) + m.path("right_in_pt").asDouble(72);
            double vertical = m.path("top_in_pt").asDouble(72) + m.path("bottom_in_pt").asDouble(72);
            if (horizontal >= size.width() - 10 || vertical >= size.height() - 10) {
                problems.add(field(path, "page.margins"), "the margins leave no room for content on a "
                        + Math.round(size.width()) + " × " + Math.round(size.height()) + " pt page");
            }
        }
    }

    private void fonts(JsonNode fonts, String path) {
        if (fonts == null) {
            return;
        }
        if (!fonts.isArray()) {
            problems.add(path, "must be an array of font definitions");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fonts.size(); i++) {
            JsonNode font = fonts.get(i);
            String at = index(path, i);
            if (!font.isObject()) {
                problems.add(at, "must be an object {name, file, style, weight}");
                continue;
            }
            allowOnly(font, at, "name", "file", "style", "weight");
            String name = font.path("name").asText("");
            if (!font.path("name").isTextual() || name.isBlank()) {
                problems.add(field(at, "name"), "required: the family name blocks refer to");
            } else {
                fontNames.add(name.trim().toLowerCase());
            }
            JsonNode file = font.get("file");
            if (file == null || !(StepValues.isFileInput(file) || StepValues.isReference(file))) {
                problems.add(field(at, "file"), "required: a file input (TTF or OTF) such as "
                        + "{\"type\":\"file\",\"file_id\":…} or {\"type\":\"base64\",\"name\",\"base64\"}");
            }
            String style = font.path("style").asText("normal");
            if (font.has("style") && !Set.of("normal", "italic").contains(style)) {
                problems.add(field(at, "style"), "must be 'normal' or 'italic'");
            }
            weight(font.get("weight"), field(at, "weight"));
            String key = name.trim().toLowerCase() + "/" + style + "/" + font.path("weight").asText("regular");
            if (!seen.add(key)) {
                problems.add(at, "a second font for '" + name + "' with the same style and weight");
            }
        }
    }

    private void metadata(JsonNode metadata, String path) {
        if (metadata == null) {
            return;
        }
        if (!metadata.isObject()) {
            problems.add(path, "must be an object {title, author, language}");
            return;
        }
        allowOnly(metadata, path, "title", "author", "language", "subject", "keywords");
        JsonNode title = metadata.get("title");
        if (title != null && (!title.isTextual() || title.asText().isBlank())) {
            problems.add(field(path, "title"), "must be a non-empty string");
        }
        for (String name : List.of("author", "subject", "keywords")) {
            if (metadata.has(name) && !metadata.get(name).isTextual()) {
                problems.add(field(path, name), "must be a string");
            }
        }
        JsonNode language = metadata.get("language");
        if (language != null && !(language.isTextual() && LANGUAGE.matcher(language.asText()).matches())) {
            problems.add(field(path, "language"), "must be a BCP 47 language tag such as 'en' or 'de-CH'");
        }
    }

    /** Returns the page size in points (portrait or landscape as asked), or null when it is invalid. */
    private PageSizes.Size page(JsonNode page, String path) {
        if (page == null) {
            return PageSizes.A4;
        }
        if (!page.isObject()) {
            problems.add(path, "must be an object {size, orientation, margins, background_color}");
            return null;
        }
        allowOnly(page, path, "size", "orientation", "margins", "background_color");
        hex(page.get("background_color"), field(path, "background_color"));
        JsonNode orientation = page.get("orientation");
        if (orientation != null && !Set.of("portrait", "landscape").contains(orientation.asText())) {
            problems.add(field(path, "orientation"), "must be 'portrait' or 'landscape'");
        }
        JsonNode margins = page.get("margins");
        if (margins != null) {
            if (!margins.isObject()) {
                problems.add(field(path, "margins"), "must be an object {top_in_pt, right_in_pt, bottom_in_pt, "
                        + "left_in_pt}");
            } else {
                allowOnly(margins, field(path, "margins"), "top_in_pt", "right_in_pt", "bottom_in_pt", "left_in_pt");
                for (String side : List.of("top_in_pt", "right_in_pt", "bottom_in_pt", "left_in_pt")) {
                    nonNegative(margins.get(side), field(field(path, "margins"), side));
                }
            }
        }
        JsonNode size = page.get("size");
        PageSizes.Size result = PageSizes.A4;
        if (size != null) {
            String at = field(path, "size");
            if (!size.isObject()) {
                problems.add(at, "must be an object {preset} or {width_in_pt, height_in_pt}");
                return null;
            }
            allowOnly(size, at, "preset", "width_in_pt", "height_in_pt");
            if (size.has("preset")) {
                if (size.has("width_in_pt") || size.has("height_in_pt")) {
                    problems.add(at, "give either a preset or width_in_pt and height_in_pt, not both");
                }
                result = PageSizes.preset(size.get("preset").asText()).orElse(null);
                if (result == null) {
                    problems.add(field(at, "preset"), "unknown page size; one of " + String.join(", ",
                            PageSizes.presetNames()));
                }
            } else if (size.has("width_in_pt") || size.has("height_in_pt")) {
                boolean w = range(size.get("width_in_pt"), field(at, "width_in_pt"), 1, 14400, true);
                boolean h = range(size.get("height_in_pt"), field(at, "height_in_pt"), 1, 14400, true);
                result = w && h ? new PageSizes.Size((float) size.get("width_in_pt").asDouble(),
                        (float) size.get("height_in_pt").asDouble()) : null;
            } else {
                problems.add(at, "give a preset (such as A4 or Letter) or width_in_pt and height_in_pt");
                return null;
            }
        }
        if (result != null && "landscape".equals(page.path("orientation").asText())) {
            result = result.landscape();
        }
        return result;
    }

    private void blocks(JsonNode blocks, String path, Set<String> allowed, int depth, boolean edge) {
        if (StepValues.isReference(blocks)) {
            return;
        }
        if (!blocks.isArray()) {
            problems.add(path, "must be an array of blocks");
            return;
        }
        if (depth > MAX_DEPTH) {
            problems.add(path, "blocks nested more than " + MAX_DEPTH + " levels deep");
            return;
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), index(path, i), allowed, depth, edge);
        }
    }

    private void block(JsonNode block, String path, Set<String> allowed, int depth, boolean edge) {
        if (!block.isObject()) {
            problems.add(path, "must be a block object with a \"type\"");
            return;
        }
        String type = block.path("type").asText("");
        if (!block.path("type").isTextual()) {
            problems.add(field(path, "type"), "required; one of " + String.join(", ", sorted(allowed)));
            return;
        }
        if (!allowed.contains(type)) {
            if (type.equals("page-number")) {
                problems.add(field(path, "type"), "page-number is only allowed in the header and footer");
            } else if ((type.equals("page-break") || type.equals("table-of-contents")) && edge) {
                problems.add(field(path, "type"), type + " is not allowed in the header or footer");
            } else if (type.equals("page-break") && depth > 0) {
                problems.add(field(path, "type"), "a page break cannot be inside a grid");
            } else if (type.equals("repeat") || type.equals("if")) {
                problems.add(field(path, "type"), "'" + type + "' is a template block: send the document as "
                        + "\"template\" with \"data\"");
            } else {
                problems.add(field(path, "type"), "unknown block type '" + type + "'; one of "
                        + String.join(", ", sorted(allowed)));
            }
            return;
        }
        switch (type) {
            case "paragraph" -> paragraph(block, path);
            case "headline" -> headline(block, path);
            case "image" -> image(block, path);
            case "table" -> table(block, path);
            case "grid" -> grid(block, path, depth, edge);
            case "list" -> list(block, path);
            case "table-of-contents" -> tableOfContents(block, path);
            case "page-break" -> allowOnly(block, path, "type");
            case "separator" -> {
                allowOnly(block, path, "type", "styles");
                style(block.get("styles"), field(path, "styles"), "separator");
            }
            case "qr-code" -> qrCode(block, path);
            case "barcode" -> barcode(block, path);
            case "page-number" -> pageNumber(block, path);
            default -> throw new IllegalStateException(type);
        }
    }

    private void paragraph(JsonNode block, String path) {
        allowOnly(block, path, "type", "markdown", "runs", "styles", "text_alignment");
        boolean markdown = block.has("markdown");
        boolean runs = block.has("runs");
        if (markdown == runs) {
            problems.add(path, "give either \"markdown\" or \"runs\"");
        }
        if (markdown && !block.get("markdown").isTextual()) {
            problems.add(field(path, "markdown"), "must be a string");
        }
        if (runs) {
            JsonNode list = block.get("runs");
            if (!list.isArray() || list.isEmpty()) {
                problems.add(field(path, "runs"), "must be a non-empty array of runs {text, …}");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    run(list.get(i), index(field(path, "runs"), i));
                }
            }
        }
        style(block.get("styles"), field(path, "styles"), "text");
        oneOf(block.get("text_alignment"), field(path, "text_alignment"), TEXT_ALIGN);
    }

    private void run(JsonNode run, String path) {
        if (!run.isObject()) {
            problems.add(path, "must be an object {text, font_weight, is_italic, is_underlined, link_url, color, "
                    + "font_size_in_pt}");
            return;
        }
        allowOnly(run, path, "text", "font_weight", "is_italic", "is_underlined", "link_url", "color",
                "font_size_in_pt", "font_family");
        text(run.get("text"), field(path, "text"), true);
        weight(run.get("font_weight"), field(path, "font_weight"));
        bool(run.get("is_italic"), field(path, "is_italic"));
        bool(run.get("is_underlined"), field(path, "is_underlined"));
        hex(run.get("color"), field(path, "color"));
        size(run.get("font_size_in_pt"), field(path, "font_size_in_pt"));
        font(run.get("font_family"), field(path, "font_family"));
        JsonNode link = run.get("link_url");
        if (link != null && !(link.isTextual() && link.asText().matches("(?i)(https?://|mailto:|#)\\S+"))) {
            problems.add(field(path, "link_url"), "must be an http(s) or mailto: URL");
        }
    }

    private void headline(JsonNode block, String path) {
        allowOnly(block, path, "type", "level", "text", "styles", "table_of_contents");
        JsonNode level = block.get("level");
        if (level == null || !LEVELS.contains(level.asText())) {
            problems.add(field(path, "level"), "required; one of h1, h2, h3, h4, h5, h6");
        }
        text(block.get("text"), field(path, "text"), true);
        style(block.get("styles"), field(path, "styles"), "headline");
        JsonNode toc = block.get("table_of_contents");
        if (toc != null) {
            String at = field(path, "table_of_contents");
            if (!toc.isObject()) {
                problems.add(at, "must be an object {is_included, label_override, level_override}");
                return;
            }
            allowOnly(toc, at, "is_included", "label_override", "level_override");
            bool(toc.get("is_included"), field(at, "is_included"));
            if (toc.has("label_override")) {
                text(toc.get("label_override"), field(at, "label_override"), true);
            }
            if (toc.has("level_override")) {
                oneOf(toc.get("level_override"), field(at, "level_override"), LEVELS);
            }
        }
    }

    private void image(JsonNode block, String path) {
        allowOnly(block, path, "type", "buffer", "file", "fit", "width_in_pt", "height_in_pt", "styles");
        boolean buffer = block.has("buffer");
        boolean file = block.has("file");
        if (buffer == file) {
            problems.add(path, "give either \"buffer\" (base64 image bytes) or \"file\" (a file input or an earlier "
                    + "step's output)");
        }
        if (buffer) {
            JsonNode bytes = block.get("buffer");
            if (!bytes.isTextual() || !isBase64(bytes.asText())) {
                problems.add(field(path, "buffer"), "must be a base64 string of a PNG, JPEG, GIF, BMP or TIFF image");
            }
        }
        if (file && !(StepValues.isFileInput(block.get("file")) || StepValues.isReference(block.get("file")))) {
            problems.add(field(path, "file"), "must be a file input such as {\"type\":\"file\",\"file_id\":…} or "
                    + "an earlier step's output {\"$step\":…}");
        }
        range(block.get("width_in_pt"), field(path, "width_in_pt"), 1, 14400, true);
        range(block.get("height_in_pt"), field(path, "height_in_pt"), 1, 14400, true);
        oneOf(block.get("fit"), field(path, "fit"), Set.of("cover", "contain"));
        style(block.get("styles"), field(path, "styles"), "image");
    }

    private void table(JsonNode block, String path) {
        allowOnly(block, path, "type", "column_widths_in_percent", "header", "rows", "styles");
        style(block.get("styles"), field(path, "styles"), "table");
        int columns = -1;
        String from = null;
        JsonNode widths = block.get("column_widths_in_percent");
        if (widths != null) {
            String at = field(path, "column_widths_in_percent");
            if (!widths.isArray() || widths.isEmpty()) {
                problems.add(at, "must be a non-empty array of numbers >= 1");
            } else {
                boolean ok = true;
                for (int i = 0; i < widths.size(); i++) {
                    ok &= range(widths.get(i), index(at, i), 1, 100, true);
                }
                if (ok) {
                    columns = widths.size();
                    from = "column_widths_in_percent";
                }
            }
        }
        JsonNode header = block.get("header");
        if (header != null) {
            int span = rowSpanSum(header, field(path, "header"), true);
            if (span > 0 && columns < 0) {
                columns = span;
                from = "header";
            }
        }
        JsonNode rows = block.get("rows");
        if (rows == null || !rows.isArray()) {
            problems.add(field(path, "rows"), "required: an array of rows {cells: […]}");
            return;
        }
        if (rows.isEmpty() && header == null) {
            problems.add(field(path, "rows"), "a table needs a header or at least one row");
        }
        // carried[c] = how many more rows column c is covered by a row_span from above
        int[] carried = null;
        for (int r = 0; r < rows.size(); r++) {
            String at = index(field(path, "rows"), r);
            JsonNode row = rows.get(r);
            if (!row.isObject() || !row.path("cells").isArray()) {
                problems.add(at, "must be an object {cells: […]}");
                continue;
            }
            allowOnly(row, at, "cells");
            JsonNode cells = row.get("cells");
            int own = 0;
            boolean spans = false;
            for (int c = 0; c < cells.size(); c++) {
                cell(cells.get(c), index(field(at, "cells"), c), false);
                own += span(cells.get(c), "column_span");
                spans |= cells.get(c).has("column_span") || cells.get(c).has("row_span");
            }
            if (columns < 0) {
                columns = own;
                from = "the first row";
            }
            if (carried == null) {
                carried = new int[Math.max(columns, 1)];
            }
            int covered = 0;
            for (int value : carried) {
                covered += value > 0 ? 1 : 0;
            }
            if (cells.isEmpty()) {
                problems.add(at, "a row needs at least one cell");
            } else if (own + covered != columns) {
                String what = spans || covered > 0
                        ? "cells cover " + (own + covered) + " columns" + (covered > 0 ? " (" + covered
                        + " taken by row spans from above)" : " (with their column spans)")
                        : cells.size() + (cells.size() == 1 ? " cell" : " cells");
                problems.add(at, what + " but the table has " + columns + " columns" + (from.equals("the first row")
                        ? " (as its first row)" : " (from " + from + ")"));
            }
            int[] next = new int[carried.length];
            for (int c = 0; c < carried.length; c++) {
                next[c] = Math.max(0, carried[c] - 1);
            }
            int col = 0;
            for (int c = 0; c < cells.size(); c++) {
                while (col < carried.length && carried[col] > 0) {
                    col++;
                }
                int colSpan = span(cells.get(c), "column_span");
                int rowSpan = span(cells.get(c), "row_span");
                if (rowSpan > rows.size() - r) {
                    problems.add(field(index(field(at, "cells"), c), "row_span"), "spans " + rowSpan
                            + " rows but only " + (rows.size() - r) + " rows are left in the table");
                }
                for (int k = 0; k < colSpan && col < carried.length; k++, col++) {
                    next[col] = Math.max(next[col], rowSpan - 1);
                }
            }
            carried = next;
        }
        if (header != null && from != null && !from.equals("header")) {
            int span = rowSpanSum(header, field(path, "header"), false);
            if (span > 0 && span != columns) {
                problems.add(field(path, "header"), "cells cover " + span + " columns but the table has " + columns
                        + " columns (from " + from + ")");
            }
        }
    }

    /** The columns a row covers, or -1 when it is malformed (reported once, when {@code report}). */
    private int rowSpanSum(JsonNode row, String path, boolean report) {
        if (!row.isObject() || !row.path("cells").isArray() || row.get("cells").isEmpty()) {
            if (report) {
                problems.add(path, "must be an object {cells: […]} with at least one cell");
            }
            return -1;
        }
        if (report) {
            allowOnly(row, path, "cells");
        }
        int sum = 0;
        JsonNode cells = row.get("cells");
        for (int c = 0; c < cells.size(); c++) {
            if (report) {
                cell(cells.get(c), index(field(path, "cells"), c), true);
            }
            sum += span(cells.get(c), "column_span");
        }
        return sum;
    }

    private static int span(JsonNode cell, String name) {
        JsonNode value = cell.get(name);
        return value != null && value.canConvertToInt() && value.asInt() >= 1 ? value.asInt() : 1;
    }

    private void cell(JsonNode cell, String path, boolean header) {
        if (!cell.isObject()) {
            problems.add(path, "must be a cell object {text, …}");
            return;
        }
        allowOnly(cell, path, "text", "column_span", "row_span", "horizontal_alignment", "styles");
        text(cell.get("text"), field(path, "text"), false);
        range(cell.get("column_span"), field(path, "column_span"), 1, 1000, false);
        integer(cell.get("column_span"), field(path, "column_span"));
        range(cell.get("row_span"), field(path, "row_span"), 1, 100000, false);
        integer(cell.get("row_span"), field(path, "row_span"));
        if (header && cell.has("row_span") && cell.get("row_span").asInt() != 1) {
            problems.add(field(path, "row_span"), "header cells cannot span rows");
        }
        oneOf(cell.get("horizontal_alignment"), field(path, "horizontal_alignment"), ALIGN);
        style(cell.get("styles"), field(path, "styles"), "cell");
    }

    private void grid(JsonNode block, String path, int depth, boolean edge) {
        allowOnly(block, path, "type", "columns", "horizontal_alignment", "vertical_alignment", "styles");
        oneOf(block.get("horizontal_alignment"), field(path, "horizontal_alignment"), ALIGN);
        oneOf(block.get("vertical_alignment"), field(path, "vertical_alignment"), VERTICAL);
        style(block.get("styles"), field(path, "styles"), "grid");
        JsonNode columns = block.get("columns");
        if (columns == null || !columns.isArray() || columns.isEmpty()) {
            problems.add(field(path, "columns"), "required: a non-empty array of columns {column_span, blocks}");
            return;
        }
        int total = 0;
        for (int i = 0; i < columns.size(); i++) {
            String at = index(field(path, "columns"), i);
            JsonNode column = columns.get(i);
            if (!column.isObject()) {
                problems.add(at, "must be an object {column_span, blocks}");
                continue;
            }
            allowOnly(column, at, "blocks", "column_span", "horizontal_alignment", "vertical_alignment");
            if (range(column.get("column_span"), field(at, "column_span"), 1, 12, true)
                    && integer(column.get("column_span"), field(at, "column_span"))) {
                total += column.get("column_span").asInt();
            }
            oneOf(column.get("horizontal_alignment"), field(at, "horizontal_alignment"), ALIGN);
            oneOf(column.get("vertical_alignment"), field(at, "vertical_alignment"), VERTICAL);
            JsonNode blocks = column.get("blocks");
            if (blocks == null) {
                problems.add(field(at, "blocks"), "required: an array of blocks");
            } else {
                Set<String> inner = new HashSet<>(edge ? EDGE_BLOCKS : BODY_BLOCKS);
                inner.remove("page-break");
                blocks(blocks, field(at, "blocks"), inner, depth + 1, edge);
            }
        }
        if (total > 12) {
            problems.add(field(path, "columns"), "column spans add up to " + total + "; a grid has 12 columns");
        }
    }

    private void list(JsonNode block, String path) {
        allowOnly(block, path, "type", "variant", "items", "styles");
        oneOf(block.get("variant"), field(path, "variant"), Set.of("ordered", "unordered"));
        if (!block.has("variant")) {
            problems.add(field(path, "variant"), "required: 'ordered' or 'unordered'");
        }
        style(block.get("styles"), field(path, "styles"), "list");
        items(block.get("items"), field(path, "items"), 0);
    }

    private void items(JsonNode items, String path, int depth) {
        if (items == null || !items.isArray() || items.isEmpty()) {
            problems.add(path, "required: a non-empty array of items {text}");
            return;
        }
        if (depth > MAX_DEPTH) {
            problems.add(path, "lists nested more than " + MAX_DEPTH + " levels deep");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = index(path, i);
            if (!item.isObject()) {
                problems.add(at, "must be an object {text, items?, variant?}");
                continue;
            }
            allowOnly(item, at, "text", "items", "variant");
            text(item.get("text"), field(at, "text"), true);
            oneOf(item.get("variant"), field(at, "variant"), Set.of("ordered", "unordered"));
            if (item.has("items")) {
                items(item.get("items"), field(at, "items"), depth + 1);
            }
        }
    }

    private void tableOfContents(JsonNode block, String path) {
        allowOnly(block, path, "type", "leader", "levels", "styles", "text_alignment", "title");
        if (hasToc) {
            problems.add(path, "a document has at most one table of contents");
        }
        hasToc = true;
        oneOf(block.get("leader"), field(path, "leader"), Set.of("dots", "none"));
        oneOf(block.get("text_alignment"), field(path, "text_alignment"), TEXT_ALIGN);
        style(block.get("styles"), field(path, "styles"), "text");
        if (block.has("title")) {
            text(block.get("title"), field(path, "title"), true);
        }
        JsonNode levels = block.get("levels");
        if (levels != null) {
            if (!levels.isArray() || levels.isEmpty()) {
                problems.add(field(path, "levels"), "must be a non-empty array of h1…h6");
            } else {
                for (int i = 0; i < levels.size(); i++) {
                    oneOf(levels.get(i), index(field(path, "levels"), i), LEVELS);
                }
            }
        }
    }

    private void qrCode(JsonNode block, String path) {
        allowOnly(block, path, "type", "value", "width_in_pt", "height_in_pt", "fg_hex_color", "bg_hex_color");
        text(block.get("value"), field(path, "value"), true);
        if (block.path("value").isTextual() && block.get("value").asText().length() > 2000) {
            problems.add(field(path, "value"), "at most 2000 characters fit a QR code");
        }
        range(block.get("width_in_pt"), field(path, "width_in_pt"), 1, 14400, true);
        range(block.get("height_in_pt"), field(path, "height_in_pt"), 1, 14400, true);
        hex(block.get("fg_hex_color"), field(path, "fg_hex_color"));
        hex(block.get("bg_hex_color"), field(path, "bg_hex_color"));
    }

    private void barcode(JsonNode block, String path) {
        allowOnly(block, path, "type", "format", "value", "width_in_pt", "height_in_pt", "fg_hex_color",
                "bg_hex_color");
        range(block.get("width_in_pt"), field(path, "width_in_pt"), 1, 14400, true);
        range(block.get("height_in_pt"), field(path, "height_in_pt"), 1, 14400, true);
        hex(block.get("fg_hex_color"), field(path, "fg_hex_color"));
        hex(block.get("bg_hex_color"), field(path, "bg_hex_color"));
        String format = block.path("format").asText("");
        if (!BARCODE_FORMATS.contains(format)) {
            problems.add(field(path, "format"), "required; one of " + String.join(", ", sorted(BARCODE_FORMATS)));
            return;
        }
        if (!text(block.get("value"), field(path, "value"), true)) {
            return;
        }
        String problem = Barcodes.check(format, block.get("value").asText());
        if (problem != null) {
            problems.add(field(path, "value"), problem);
        }
    }

    private void pageNumber(JsonNode block, String path) {
        allowOnly(block, path, "type", "styles", "text_alignment", "format");
        style(block.get("styles"), field(path, "styles"), "text");
        oneOf(block.get("text_alignment"), field(path, "text_alignment"), TEXT_ALIGN);
        JsonNode format = block.get("format");
        if (format != null && !(format.isTextual() && format.asText().contains("{page}"))) {
            problems.add(field(path, "format"), "must be a string containing {page} (and optionally {pages}), "
                    + "such as \"Page {page} of {pages}\"");
        }
    }

    /** Validates a style object against its schema; unknown fields are problems. */
    private void style(JsonNode style, String path, String schemaName) {
        if (style == null) {
            return;
        }
        if (!style.isObject()) {
            problems.add(path, "must be an object");
            return;
        }
        Map<String, String> schema = SCHEMAS.get(schemaName);
        for (Iterator<Map.Entry<String, JsonNode>> it = style.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String kind = schema.get(entry.getKey());
            String at = field(path, entry.getKey());
            if (kind == null) {
                problems.add(at, "unknown style; known: " + String.join(", ", sorted(schema.keySet())));
                continue;
            }
            JsonNode value = entry.getValue();
            switch (kind) {
                case "hex" -> hex(value, at);
                case "font" -> font(value, at);
                case "size" -> size(value, at);
                case "weight" -> weight(value, at);
                case "bool" -> bool(value, at);
                case "line_height" -> range(value, at, 0.5, 10, false);
                case "pt" -> nonNegative(value, at);
                default -> style(value, at, kind.substring(1));
            }
        }
    }

    private void allowOnly(JsonNode object, String path, String... names) {
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                problems.add(field(path, name), "unknown field; allowed here: " + String.join(", ",
                        sorted(allowed)));
            }
        }
    }

    private boolean text(JsonNode value, String path, boolean nonEmpty) {
        if (value == null) {
            problems.add(path, "required: a string");
            return false;
        }
        if (!value.isTextual()) {
            problems.add(path, "must be a string");
            return false;
        }
        if (nonEmpty && value.asText().isBlank()) {
            problems.add(path, "must not be empty");
            return false;
        }
        return true;
    }

    private void hex(JsonNode value, String path) {
        if (value != null && !(value.isTextual() && HEX.matcher(value.asText()).matches())) {
            problems.add(path, "must be a 6-digit hex colour such as \"#1A2B3C\"");
        }
    }

    private void font(JsonNode value, String path) {
        if (value == null) {
            return;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(path, "must be a font family name");
            return;
        }
        // fonts[] is read before any block, so supplied names are known here
        if (BundledFonts.resolve(value.asText()).isEmpty() && !fontNames.contains(value.asText().trim().toLowerCase())) {
            problems.add(path, "unknown font family '" + value.asText() + "'; use one of " + BundledFonts.describe()
                    + ", or supply it in document.fonts");
        }
    }

    private void size(JsonNode value, String path) {
        range(value, path, 1, 1000, false);
    }

    private void weight(JsonNode value, String path) {
        if (value != null && !(value.isTextual() && WEIGHT.matcher(value.asText().toLowerCase()).matches())
                && !(value.canConvertToInt() && value.asInt() % 100 == 0 && value.asInt() >= 100
                && value.asInt() <= 900)) {
            problems.add(path, "must be a font weight: thin, light, regular, medium, semibold, bold, extrabold, "
                    + "black, or 100…900");
        }
    }

    private void bool(JsonNode value, String path) {
        if (value != null && !value.isBoolean()) {
            problems.add(path, "must be true or false");
        }
    }

    private void nonNegative(JsonNode value, String path) {
        range(value, path, 0, 14400, false);
    }

    private boolean integer(JsonNode value, String path) {
        if (value != null && value.isNumber() && !value.canConvertToExactIntegral()) {
            problems.add(path, "must be a whole number");
            return false;
        }
        return true;
    }

    /** True when the value is a number within [min, max]; records a problem otherwise (absent: only if required). */
    private boolean range(JsonNode value, String path, double min, double max, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(path, "required: a number from " + fmt(min) + " to " + fmt(max));
            }
            return false;
        }
        if (!value.isNumber()) {
            problems.add(path, "must be a number");
            return false;
        }
        double v = value.asDouble();
        if (v < min || v > max) {
            problems.add(path, "must be from " + fmt(min) + " to " + fmt(max) + " (got " + value.asText() + ")");
            return false;
        }
        return true;
    }

    private void oneOf(JsonNode value, String path, Set<String> options) {
        if (value != null && !(value.isTextual() && options.contains(value.asText()))) {
            problems.add(path, "must be one of " + String.join(", ", sorted(options)));
        }
    }

    private static boolean isBase64(String text) {
        try {
            java.util.Base64.getMimeDecoder().decode(text);
            return !text.isBlank();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }
}
