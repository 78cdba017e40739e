package io.lamina.sheet.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.sheet.model.Cell;
import io.lamina.sheet.model.CellFormat;
import io.lamina.sheet.model.NumberStyle;
import io.lamina.sheet.model.SheetException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.Currency;

/**
 * Turns a cell value into the text a CSV or Markdown file shows.
 * <ul>
 * <li>No format (or {@code text}, {@code custom}, {@code time}): numbers canonically ({@code 120.5}, {@code 99},
 * {@code 1000000000000000000000}, never an exponent or a trailing {@code .0}), booleans {@code true}/{@code false},
 * null empty, strings as they are.</li>
 * <li>{@code number}: thousands grouped, the value's own decimals ({@code 1,234.5}); {@code decimal}: grouped, two
 * decimals ({@code 1,234.50}); {@code currency}: the ISO code (USD when none is given), then the amount with the
 * currency's minor digits ({@code EUR 1,234.50}, {@code JPY 1,235}); {@code percentage}: times 100, up to two decimals ({@code 0.25} → {@code 25%}). All
 * rounding is half-up, all separators follow {@code number_style}.</li>
 * <li>{@code date}/{@code datetime}/{@code time}: ISO 8601 strings are written as given unless {@code date_style}
 * gives an Excel date code, which is then applied as Excel would ({@link io.lamina.sheet.model.ExcelDateCode}).</li>
 * </ul>
 * Custom number formats and styles only apply to XLSX.
 */
public final class CellFormatter {

    private CellFormatter() {
    }

    /** The text of a cell that is not a formula; {@code path} names it in errors. */
    public static String text(Cell cell, String path) {
        JsonNode value = cell.value();
        if (value.isNull()) {
            return "";
        }
        if (value.isNumber()) {
            return number(value.decimalValue(), cell);
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        CellFormat format = cell.format();
        if (format != null && format.isNumeric()) {
            throw new SheetException(SheetException.INVALID_PARAMS, path, "format '" + format.wireName()
                    + "' needs a number, got " + (value.isTextual() ? "a string" : value.getNodeType().name()));
        }
        String text = value.asText();
        if (cell.dateCode() != null && format != null && format.isTemporal()) {
            LocalDateTime temporal = Cell.temporal(format, text);
            if (temporal == null) {
                throw new SheetException(SheetException.INVALID_PARAMS, path, "format '" + format.wireName()
                        + "' needs an ISO 8601 value, got '" + text + "'");
            }
            return cell.dateCode().format(temporal);
        }
        return text;
    }

    /** A number (a literal or a formula's result) shown in the cell's format. */
    public static String number(BigDecimal value, Cell cell) {
        CellFormat format = cell.format();
        if (format == null || !format.isNumeric()) {
            return canonical(value);
        }
        NumberStyle style = cell.numberStyle();
        return switch (format) {
            case NUMBER -> grouped(withoutTrailingZeros(value), style);
            case DECIMAL -> grouped(value.setScale(2, RoundingMode.HALF_UP), style);
            case CURRENCY -> cell.currencyOrDefault() + " " + grouped(value.setScale(
                    minorDigits(cell.currencyOrDefault()), RoundingMode.HALF_UP), style);
            case PERCENTAGE -> grouped(withoutTrailingZeros(value.movePointRight(2)
                    .setScale(2, RoundingMode.HALF_UP)), style) + "%";
            default -> throw new IllegalStateException("not a numeric format: " + format);
        };
    }

    /** Plain decimal notation without an exponent or trailing zeros. */
    public static String canonical(BigDecimal value) {
        return withoutTrailingZeros(value).toPlainString();
    }

    private static BigDecimal withoutTrailingZeros(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String grouped(BigDecimal value, NumberStyle style) {
        String plain = value.abs().toPlainString();
        int point = plain.indexOf('.');
        String integer = point < 0 ? plain : plain.substring(0, point);
        StringBuilder out = new StringBuilder(plain.length() + integer.length() / 3 + 2);
        if (value.signum() < 0) {
            out.append('-');
        }
        for (int i = 0; i < integer.length(); i++) {
            if (i > 0 && (integer.length() - i) % 3 == 0) {
                out.append(style.grouping());
            }
            out.append(integer.charAt(i));
        }
        if (point >= 0) {
            out.append(style.decimal()).append(plain, point + 1, plain.length());
        }
        return out.toString();
    }

    /** Digits after the point of a currency's amounts (2 for EUR, 0 for JPY, 3 for KWD). */
    public static int minorDigits(String currencyCode) {
        int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
        return digits < 0 ? 2 : digits;
    }
}
