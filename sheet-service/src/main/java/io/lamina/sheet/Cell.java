package io.lamina.sheet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Locale;

/**
 * One cell of a request: a primitive, or an object {@code {value, format?, currency_code?, number_style?,
 * date_style?, styles?, from_col?, to_col?, from_row?, to_row?}}. Styles and merge ranges only matter to XLSX and
 * are not kept here.
 *
 * @param value a JSON string, number, boolean or null; never missing
 * @param format {@code null} when the cell has none: the value is written canonically
 */
public record Cell(JsonNode value, CellFormat format, String currencyCode, NumberStyle numberStyle,
                   DateStyle dateStyle) {

    private static final String[] MERGE_FIELDS = {"from_col", "to_col", "from_row", "to_row"};

    public static final Cell EMPTY = new Cell(NullNode.getInstance(), null, null, NumberStyle.COMMA_PERIOD, null);

    /** A string value starting with {@code =} is a formula, unless the cell asks to be shown as text. */
    public boolean isFormula() {
        return value.isTextual() && value.textValue().startsWith("=") && format != CellFormat.TEXT;
    }

    /**
     * Reads and checks a cell; {@code raw} may be {@code null} for a cell missing from a short row.
     *
     * @throws io.lamina.ops.runtime.OperationException {@code invalid_params} naming {@code path}
     */
    public static Cell parse(JsonNode raw, String path) {
        if (raw == null || raw.isNull()) {
            return EMPTY;
        }
        if (raw.isValueNode()) {
            return new Cell(raw, null, null, NumberStyle.COMMA_PERIOD, null);
        }
        if (!raw.isObject()) {
            throw SheetErrors.invalid(path, "a cell must be a string, number, boolean, null or a cell object");
        }
        JsonNode value = raw.path("value");
        if (value.isMissingNode()) {
            value = NullNode.getInstance();
        } else if (!value.isValueNode() && !value.isNull()) {
            throw SheetErrors.invalid(path + ".value", "must be a string, number, boolean or null");
        }
        CellFormat format = null;
        String formatName = optionalText(raw, "format", path);
        if (formatName != null) {
            format = CellFormat.byWireName(formatName).orElseThrow(() -> SheetErrors.invalid(path + ".format",
                    "unknown format '" + formatName + "'; expected one of " + CellFormat.wireNames()));
        }
        String currency = optionalText(raw, "currency_code", path);
        if (currency != null && !currency.matches("[A-Za-z]{3}")) {
            throw SheetErrors.invalid(path + ".currency_code", "must be a three-letter ISO 4217 code, got '"
                    + currency + "'");
        }
        NumberStyle numberStyle = NumberStyle.COMMA_PERIOD;
        String styleName = optionalText(raw, "number_style", path);
        if (styleName != null) {
            numberStyle = NumberStyle.byWireName(styleName).orElseThrow(() -> SheetErrors.invalid(
                    path + ".number_style", "unknown number style '" + styleName + "'; expected one of "
                            + NumberStyle.wireNames()));
        }
        DateStyle dateStyle = null;
        String datePattern = optionalText(raw, "date_style", path);
        if (datePattern != null) {
            dateStyle = DateStyle.byPattern(datePattern).orElseThrow(() -> SheetErrors.invalid(path + ".date_style",
                    "unsupported date style '" + datePattern + "'; supported: " + DateStyle.patterns()));
        }
        for (String field : MERGE_FIELDS) {
            JsonNode bound = raw.get(field);
            if (bound != null && !bound.isNull() && !(bound.canConvertToInt() && bound.isIntegralNumber()
                    && bound.intValue() >= 0)) {
                throw SheetErrors.invalid(path + "." + field, "must be a non-negative integer");
            }
        }
        JsonNode styles = raw.get("styles");
        if (styles != null && !styles.isNull() && !styles.isObject()) {
            throw SheetErrors.invalid(path + ".styles", "must be an object");
        }
        return new Cell(value, format, currency == null ? null : currency.toUpperCase(Locale.ROOT), numberStyle,
                dateStyle);
    }

    private static String optionalText(JsonNode raw, String field, String path) {
        JsonNode node = raw.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw SheetErrors.invalid(path + "." + field, "must be a string");
        }
        return node.textValue();
    }
}
