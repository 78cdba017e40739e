package io.lamina.sheet.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.params.Problems;
import io.lamina.params.StepValues;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Iteration Layer's {@code CellStyle}: how a cell looks in XLSX (CSV and Markdown have no styles). Every field is
 * optional; {@link #over} layers a more specific style (a cell's) over a general one (the sheet body's).
 *
 * @param backgroundColor {@code RRGGBB}, upper case, without {@code #}
 * @param fontColor {@code RRGGBB}
 * @param horizontalAlignment {@code left}, {@code center} or {@code right}
 * @param numberFormat an Excel number format code that replaces the one the cell's {@code format} implies
 */
public record CellStyle(String backgroundColor, String fontColor, String fontFamily, Double fontSizeInPt,
                        String horizontalAlignment, Boolean bold, Boolean italic, String numberFormat) {

    public static final CellStyle NONE = new CellStyle(null, null, null, null, null, null, null, null);
    /** The header row is bold unless the request's header style says otherwise. */
    public static final CellStyle DEFAULT_HEADER = new CellStyle(null, null, null, null, null, true, null, null);

    private static final Pattern HEX = Pattern.compile("#?[0-9A-Fa-f]{6}");
    /** Excel refuses longer font names. */
    static final int MAX_FONT_NAME = 31;
    static final int MAX_NUMBER_FORMAT = 255;
    static final double MAX_FONT_SIZE = 409;

    /** {@code this} with every field that {@code top} sets replaced by {@code top}'s. */
    public CellStyle over(CellStyle top) {
        if (top == null || top.equals(NONE)) {
            return this;
        }
        return new CellStyle(pick(top.backgroundColor, backgroundColor), pick(top.fontColor, fontColor),
                pick(top.fontFamily, fontFamily), pick(top.fontSizeInPt, fontSizeInPt),
                pick(top.horizontalAlignment, horizontalAlignment), pick(top.bold, bold), pick(top.italic, italic),
                pick(top.numberFormat, numberFormat));
    }

    private static <T> T pick(T top, T bottom) {
        return top != null ? top : bottom;
    }

    /**
     * Reads a style object; with {@code problems} non-null, every bad field is reported under {@code path} (and the
     * field ignored). A pipeline reference anywhere yields {@link #NONE} for that part.
     */
    static CellStyle parse(JsonNode node, Problems problems, Supplier<String> path) {
        if (node == null || node.isNull() || StepValues.isReference(node)) {
            return NONE;
        }
        if (!node.isObject()) {
            report(problems, path, "", "must be an object (a cell style)");
            return NONE;
        }
        String background = color(node, "background_color", problems, path);
        String font = color(node, "font_color", problems, path);
        String family = text(node, "font_family", MAX_FONT_NAME, problems, path);
        Double size = null;
        JsonNode sizeNode = node.get("font_size_in_pt");
        if (present(sizeNode)) {
            if (sizeNode.isNumber() && sizeNode.doubleValue() >= 1 && sizeNode.doubleValue() <= MAX_FONT_SIZE) {
                size = sizeNode.doubleValue();
            } else {
                report(problems, path, ".font_size_in_pt", "must be a number from 1 to " + (int) MAX_FONT_SIZE);
            }
        }
        String alignment = null;
        JsonNode alignmentNode = node.get("horizontal_alignment");
        if (present(alignmentNode)) {
            String value = alignmentNode.asText("");
            if (alignmentNode.isTextual() && (value.equals("left") || value.equals("center") || value.equals("right"))) {
                alignment = value;
            } else {
                report(problems, path, ".horizontal_alignment", "must be one of left, center, right");
            }
        }
        Boolean bold = flag(node, "is_bold", problems, path);
        Boolean italic = flag(node, "is_italic", problems, path);
        String numberFormat = text(node, "number_format", MAX_NUMBER_FORMAT, problems, path);
        return new CellStyle(background, font, family, size, alignment, bold, italic, numberFormat);
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !StepValues.isReference(node);
    }

    private static String color(JsonNode node, String field, Problems problems, Supplier<String> path) {
        JsonNode value = node.get(field);
        if (!present(value)) {
            return null;
        }
        if (value.isTextual() && HEX.matcher(value.textValue()).matches()) {
            String hex = value.textValue();
            return (hex.startsWith("#") ? hex.substring(1) : hex).toUpperCase(Locale.ROOT);
        }
        report(problems, path, "." + field, "must be a 6-digit hex colour such as 1F4E79");
        return null;
    }

    private static String text(JsonNode node, String field, int maxLength, Problems problems, Supplier<String> path) {
        JsonNode value = node.get(field);
        if (!present(value)) {
            return null;
        }
        if (value.isTextual() && !value.textValue().isBlank() && value.textValue().length() <= maxLength) {
            return value.textValue();
        }
        report(problems, path, "." + field, "must be a non-empty string of at most " + maxLength + " characters");
        return null;
    }

    private static Boolean flag(JsonNode node, String field, Problems problems, Supplier<String> path) {
        JsonNode value = node.get(field);
        if (!present(value)) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        report(problems, path, "." + field, "must be true or false");
        return null;
    }

    private static void report(Problems problems, Supplier<String> path, String suffix, String message) {
        if (problems != null) {
            problems.add(path.get() + suffix, message);
        }
    }
}
