package io.lamina.docgen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The style every field falls back to when a document leaves it out (Iteration Layer makes {@code styles} required;
 * Lamina makes every style optional), and the merge rule: document styles over these, block overrides over both.
 * {@code headline.font_size_in_pt} is the size of h1; h2–h6 scale down from it (see {@link #headlineScale}).
 */
public final class DocumentDefaults {

    public static final float MARGIN_PT = 72;
    public static final float HEADER_DISTANCE_PT = 30;
    public static final float FOOTER_DISTANCE_PT = 30;

    private static final ObjectNode STYLES;

    static {
        try {
            STYLES = (ObjectNode) new ObjectMapper().readTree("""
                    {"text": {"color": "#1F2328", "font_family": "Liberation Sans", "font_size_in_pt": 11,
                              "font_weight": "regular", "is_italic": false, "line_height": 1.35},
                     "headline": {"color": "#111111", "font_family": "Liberation Sans", "font_size_in_pt": 24,
                                  "font_weight": "bold", "is_italic": false, "spacing_before_in_pt": 14,
                                  "spacing_after_in_pt": 6},
                     "link": {"color": "#0B57D0", "is_underlined": true},
                     "list": {"marker_color": "#1F2328", "marker_gap_in_pt": 6, "text_style": {}},
                     "separator": {"color": "#C8CCD0", "thickness_in_pt": 1, "spacing_before_in_pt": 8,
                                   "spacing_after_in_pt": 8},
                     "image": {"border_color": "#000000", "border_width_in_pt": 0},
                     "grid": {"background_color": "", "border_color": "#C8CCD0", "border_width_in_pt": 0,
                              "gap_in_pt": 12},
                     "table": {"header": {"background_color": "#F1F3F5", "font_size_in_pt": 10, "font_weight": "bold",
                                          "text_color": "#111111"},
                               "body": {"background_color": "", "font_size_in_pt": 10, "text_color": "#1F2328"},
                               "border": {"inner": {"horizontal": {"color": "#D0D5DA", "width_in_pt": 0.5},
                                                    "vertical": {"color": "#D0D5DA", "width_in_pt": 0.5}},
                                          "outer": {"top": {"color": "#8C959F", "width_in_pt": 0.75},
                                                    "right": {"color": "#8C959F", "width_in_pt": 0.75},
                                                    "bottom": {"color": "#8C959F", "width_in_pt": 0.75},
                                                    "left": {"color": "#8C959F", "width_in_pt": 0.75}}}}}
                    """);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private DocumentDefaults() {
    }

    /** The document's effective styles: defaults, then {@code document.styles}; list text defaults to the text style. */
    public static ObjectNode styles(JsonNode documentStyles) {
        ObjectNode merged = merge(STYLES, documentStyles);
        ObjectNode list = (ObjectNode) merged.get("list");
        list.set("text_style", merge((ObjectNode) merged.get("text"), list.get("text_style")));
        if (documentStyles == null || !documentStyles.path("list").has("marker_color")) {
            list.put("marker_color", merged.path("text").path("color").asText());
        }
        return merged;
    }

    /** A copy of {@code base} with {@code override}'s fields laid over it, recursively. */
    public static ObjectNode merge(ObjectNode base, JsonNode override) {
        ObjectNode out = base.deepCopy();
        if (override == null || !override.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = out.get(e.getKey());
            if (existing instanceof ObjectNode object && e.getValue().isObject()) {
                out.set(e.getKey(), merge(object, e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    /** The size of a headline level relative to h1. */
    public static float headlineScale(String level) {
        return switch (level) {
            case "h1" -> 1f;
            case "h2" -> 0.8f;
            case "h3" -> 0.667f;
            case "h4" -> 0.583f;
            case "h5" -> 0.5f;
            default -> 0.458f;
        };
    }

    /** True for weights drawn with the bold face of a bundled family. */
    public static boolean isBold(String weight) {
        return switch (weight.toLowerCase()) {
            case "semibold", "bold", "extrabold", "black", "600", "700", "800", "900" -> true;
            default -> false;
        };
    }
}
