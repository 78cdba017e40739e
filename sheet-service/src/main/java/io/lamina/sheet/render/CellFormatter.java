package io.lamina.sheet.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.sheet.Cell;
import io.lamina.sheet.CellFormat;
import io.lamina.sheet.DateStyle;
import io.lamina.sheet.NumberStyle;
import io.lamina.sheet.SheetErrors;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * Turns a cell value into the text a CSV or Markdown file shows.
 * <ul>
 * <li>No format (or {@code text}, {@code custom}, {@code time}): numbers canonically ({@code 120.5}, {@code 99},
 * {@code 1000000000000000000000}, never an exponent or a trailing {@code .0}), booleans {@code true}/{@code false},
 * null empty, strings as they are.</li>
 * <li>{@code number}: thousands grouped, the value's own decimals ({@code 1,234.5}); {@code decimal}: grouped, two
 * decimals ({@code 1,234.50}); {@code currency}: like decimal, after the ISO code when one is given
 * ({@code EUR 1,234.50}); {@code percentage}: times 100, up to two decimals ({@code 0.25} → {@code 25%}). All
 * rounding is half-up, all separators follow {@code number_style}.</li>
 * <li>{@code date}/{@code datetime}: ISO 8601 strings are written as given unless {@code date_style} asks for another
 * date pattern; a datetime keeps its time ({@code HH:mm:ss}) and offset after the date.</li>
 * </ul>
 * Custom number formats and styles only apply to XLSX.
 */
public final class CellFormatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

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
            throw SheetErrors.invalid(path, "format '" + format.wireName() + "' needs a number, got "
                    + (value.isTextual() ? "a string" : value.getNodeType().name().toLowerCase()));
        }
        String text = value.asText();
        if (cell.dateStyle() != null && (format == CellFormat.DATE || format == CellFormat.DATETIME)) {
            return date(text, format, cell.dateStyle(), path);
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
            case CURRENCY -> (cell.currencyCode() == null ? "" : cell.currencyCode() + " ")
                    + grouped(value.setScale(2, RoundingMode.HALF_UP), style);
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

    private static String date(String text, CellFormat format, DateStyle style, String path) {
        try {
            if (format == CellFormat.DATE) {
                return LocalDate.parse(text).format(style.formatter());
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            LocalDateTime local = LocalDateTime.from(parsed);
            ZoneId zone = parsed.query(TemporalQueries.zone());
            return local.format(style.formatter()) + " " + local.format(TIME) + (zone == null ? "" : " " + zone.getId());
        } catch (DateTimeParseException e) {
            throw SheetErrors.invalid(path, "date_style needs an ISO 8601 " + (format == CellFormat.DATE
                    ? "date such as 2026-11-24" : "date-time such as 2026-11-24T07:00:00Z") + ", got '" + text + "'");
        }
    }
}
