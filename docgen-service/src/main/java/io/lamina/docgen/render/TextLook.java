package io.lamina.docgen.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.docgen.model.DocumentDefaults;

/** How a piece of text looks once document styles, block styles and run fields are applied. */
public record TextLook(String family, float size, String color, boolean bold, boolean italic, boolean underline,
                       float lineHeight) {

    /** From a merged text-like style object ({@code color}, {@code font_family}, {@code font_size_in_pt}, …). */
    public static TextLook of(JsonNode style) {
        return new TextLook(style.path("font_family").asText("Liberation Sans"),
                (float) style.path("font_size_in_pt").asDouble(11), hex(style.path("color").asText("#000000")),
                DocumentDefaults.isBold(style.path("font_weight").asText("regular")),
                style.path("is_italic").asBoolean(false), style.path("is_underlined").asBoolean(false),
                (float) style.path("line_height").asDouble(1.35));
    }

    /** This look with a run's own fields ({@code font_weight}, {@code is_italic}, {@code color}, …) over it. */
    public TextLook withRun(JsonNode run) {
        return new TextLook(run.path("font_family").asText(family),
                (float) run.path("font_size_in_pt").asDouble(size),
                run.has("color") ? hex(run.get("color").asText()) : color,
                run.has("font_weight") ? DocumentDefaults.isBold(run.get("font_weight").asText()) : bold,
                run.path("is_italic").asBoolean(italic), run.path("is_underlined").asBoolean(underline), lineHeight);
    }

    public TextLook withColor(String hex) {
        return new TextLook(family, size, hex(hex), bold, italic, underline, lineHeight);
    }

    public TextLook withUnderline(boolean on) {
        return new TextLook(family, size, color, bold, italic, on, lineHeight);
    }

    public TextLook withSize(float points) {
        return new TextLook(family, points, color, bold, italic, underline, lineHeight);
    }

    public TextLook withBold(boolean on) {
        return new TextLook(family, size, color, on, italic, underline, lineHeight);
    }

    /** {@code RRGGBB}, upper case, without '#'. */
    public static String hex(String value) {
        return (value.startsWith("#") ? value.substring(1) : value).toUpperCase();
    }
}
