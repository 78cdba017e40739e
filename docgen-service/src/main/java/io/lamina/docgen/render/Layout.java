package io.lamina.docgen.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.docgen.model.DocumentDefaults;
import io.lamina.docgen.model.InlineMarkdown;
import io.lamina.docgen.model.PageSizes;

/**
 * What every renderer needs to know about a document besides its blocks: page geometry, metadata and the effective
 * styles, with the rules that turn a block's overrides into a {@link TextLook}.
 */
public final class Layout {

    public final JsonNode document;
    public final ObjectNode styles;
    public final PageSizes.Size page;
    public final float top;
    public final float right;
    public final float bottom;
    public final float left;
    public final float headerDistance;
    public final float footerDistance;

    public Layout(JsonNode document) {
        this.document = document;
        this.styles = DocumentDefaults.styles(document.get("styles"));
        JsonNode pageNode = document.path("page");
        JsonNode size = pageNode.path("size");
        PageSizes.Size s = size.has("preset") ? PageSizes.preset(size.get("preset").asText()).orElse(PageSizes.A4)
                : size.has("width_in_pt") ? new PageSizes.Size((float) size.get("width_in_pt").asDouble(),
                (float) size.get("height_in_pt").asDouble()) : PageSizes.A4;
        this.page = "landscape".equals(pageNode.path("orientation").asText()) ? s.landscape() : s;
        JsonNode m = pageNode.path("margins");
        this.top = (float) m.path("top_in_pt").asDouble(DocumentDefaults.MARGIN_PT);
        this.right = (float) m.path("right_in_pt").asDouble(DocumentDefaults.MARGIN_PT);
        this.bottom = (float) m.path("bottom_in_pt").asDouble(DocumentDefaults.MARGIN_PT);
        this.left = (float) m.path("left_in_pt").asDouble(DocumentDefaults.MARGIN_PT);
        this.headerDistance = (float) document.path("header_distance_from_edge_in_pt")
                .asDouble(DocumentDefaults.HEADER_DISTANCE_PT);
        this.footerDistance = (float) document.path("footer_distance_from_edge_in_pt")
                .asDouble(DocumentDefaults.FOOTER_DISTANCE_PT);
    }

    public float contentWidth() {
        return page.width() - left - right;
    }

    public String title() {
        return document.path("metadata").path("title").asText("");
    }

    public String language() {
        return document.path("metadata").path("language").asText("en");
    }

    public JsonNode metadata() {
        return document.path("metadata");
    }

    public String backgroundColor() {
        JsonNode bg = document.path("page").path("background_color");
        return bg.isTextual() ? TextLook.hex(bg.asText()) : null;
    }

    public ObjectNode style(String name, JsonNode override) {
        return DocumentDefaults.merge((ObjectNode) styles.get(name), override);
    }

    public TextLook text(JsonNode override) {
        return TextLook.of(style("text", override));
    }

    public TextLook headline(JsonNode block) {
        ObjectNode base = (ObjectNode) styles.get("headline");
        JsonNode override = block.get("styles");
        ObjectNode merged = DocumentDefaults.merge(base, override);
        if (override == null || !override.has("font_size_in_pt")) {
            merged.put("font_size_in_pt", base.path("font_size_in_pt").asDouble()
                    * DocumentDefaults.headlineScale(block.path("level").asText("h1")));
        }
        merged.put("line_height", 1.2);
        return TextLook.of(merged);
    }

    public TextLook link(TextLook look) {
        JsonNode link = styles.get("link");
        return look.withColor(link.path("color").asText()).withUnderline(link.path("is_underlined").asBoolean(true));
    }

    /** A paragraph's runs: its {@code runs}, or its {@code markdown} turned into runs. */
    public static JsonNode runs(JsonNode paragraph) {
        return paragraph.has("runs") ? paragraph.get("runs") : InlineMarkdown.runs(paragraph.path("markdown").asText());
    }

    /** The page size in points of a headline's level number (1–6). */
    public static int level(String level) {
        return level.length() == 2 ? level.charAt(1) - '0' : 1;
    }
}
