package io.lamina.sheet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.lamina.params.Problems;
import io.lamina.params.StepValues;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One cell of a request: a primitive, or an object {@code {value, format?, currency_code?, number_style?,
 * date_style?, styles?, from_col?, to_col?, from_row?, to_row?}}.
 *
 * @param value a JSON string, number, boolean or null; never missing. A string starting with {@code =} is a
 *        formula unless the format is {@code text}
 * @param format {@code null} when the cell has none: the value is written as it is
 * @param currencyCode upper-case ISO 4217 code, or {@code null} (writers use {@link #DEFAULT_CURRENCY})
 * @param dateCode the Excel date code of {@code date_style}, or {@code null} (writers use ISO-like defaults)
 * @param style the cell's own style ({@link CellStyle#NONE} when it has none)
 * @param fromCol first column of the merged range the cell starts (null: not merged); likewise the other bounds
 */
public record Cell(JsonNode value, CellFormat format, String currencyCode, NumberStyle numberStyle,
                   ExcelDateCode dateCode, CellStyle style, Integer fromCol, Integer toCol, Integer fromRow,
                   Integer toRow) {

    /** Iteration Layer's default for {@code currency} cells without a code. */
    public static final String DEFAULT_CURRENCY = "USD";

    public static final Cell EMPTY = new Cell(NullNode.getInstance(), null, null, NumberStyle.COMMA_PERIOD, null,
            CellStyle.NONE, null, null, null, null);

    private static final String[] BOUND_NAMES = {"from_col", "to_col", "from_row", "to_row"};

    /** The time part of a {@code time} value sits on Excel's day zero. */
    public static final LocalDate EXCEL_DAY_ZERO = LocalDate.of(1899, 12, 31);

    /** A string value starting with {@code =} is a formula, unless the cell asks to be shown as text. */
    public boolean isFormula() {
        return value.isTextual() && value.textValue().startsWith("=") && format != CellFormat.TEXT;
    }

    public boolean isMerged() {
        return fromCol != null || toCol != null || fromRow != null || toRow != null;
    }

    public String currencyOrDefault() {
        return currencyCode == null ? DEFAULT_CURRENCY : currencyCode;
    }

    /** Reads a cell that has been validated ({@code raw} may be {@code null} for a cell missing from a short row). */
    public static Cell read(JsonNode raw) {
        return parse(raw, null, null);
    }

    /**
     * Reads and checks a cell, reporting every problem under {@code path} when {@code problems} is not null. A
     * pipeline reference (as the cell or one of its fields) is accepted: it is checked again once resolved.
     */
    static Cell parse(JsonNode raw, Problems problems, Supplier<String> path) {
        if (raw == null || raw.isNull() || StepValues.isReference(raw)) {
            return EMPTY;
        }
        if (raw.isValueNode()) {
            return new Cell(raw, null, null, NumberStyle.COMMA_PERIOD, null, CellStyle.NONE, null, null, null, null);
        }
        if (!raw.isObject()) {
            report(problems, path, "", "a cell must be a string, number, boolean, null or a cell object");
            return EMPTY;
        }
        JsonNode value = raw.get("value");
        if (value == null || StepValues.isReference(value)) {
            value = NullNode.getInstance();
        } else if (!value.isValueNode()) {
            report(problems, path, ".value", "must be a string, number, boolean or null");
            value = NullNode.getInstance();
        }
        CellFormat format = null;
        String formatName = optionalText(raw, "format", problems, path);
        if (formatName != null) {
            format = CellFormat.byWireName(formatName).orElse(null);
            if (format == null) {
                report(problems, path, ".format", "unknown format '" + formatName + "'; expected one of "
                        + CellFormat.wireNames());
            }
        }
        String currency = optionalText(raw, "currency_code", problems, path);
        if (currency != null) {
            currency = currency.toUpperCase(Locale.ROOT);
            if (!isCurrency(currency)) {
                report(problems, path, ".currency_code", "must be an ISO 4217 currency code such as EUR, got '"
                        + raw.get("currency_code").textValue() + "'");
                currency = null;
            }
        }
        NumberStyle numberStyle = NumberStyle.COMMA_PERIOD;
        String styleName = optionalText(raw, "number_style", problems, path);
        if (styleName != null) {
            numberStyle = NumberStyle.byWireName(styleName).orElse(null);
            if (numberStyle == null) {
                report(problems, path, ".number_style", "unknown number style '" + styleName + "'; expected one of "
                        + NumberStyle.wireNames());
                numberStyle = NumberStyle.COMMA_PERIOD;
            }
        }
        ExcelDateCode dateCode = null;
        String code = optionalText(raw, "date_style", problems, path);
        if (code != null) {
            dateCode = ExcelDateCode.parse(code).orElse(null);
            if (dateCode == null) {
                report(problems, path, ".date_style", "'" + code + "' is not an Excel date/time code Lamina can "
                        + "write; use codes such as dd/mm/yyyy, yyyy-mm-dd hh:mm:ss, d mmm yyyy, hh:mm AM/PM");
            }
        }
        Integer[] bounds = new Integer[4];
        String[] names = BOUND_NAMES;
        for (int i = 0; i < names.length; i++) {
            JsonNode bound = raw.get(names[i]);
            if (bound == null || bound.isNull() || StepValues.isReference(bound)) {
                continue;
            }
            if (bound.isIntegralNumber() && bound.canConvertToInt() && bound.intValue() >= 0) {
                bounds[i] = bound.intValue();
            } else {
                report(problems, path, "." + names[i], "must be a non-negative integer (a 0-based index)");
            }
        }
        CellStyle style = CellStyle.parse(raw.get("styles"), problems, problems == null ? null
                : () -> path.get() + ".styles");
        Cell cell = new Cell(value, format, currency, numberStyle, dateCode, style, bounds[0], bounds[1], bounds[2],
                bounds[3]);
        if (problems != null && format != null && !value.isNull() && !cell.isFormula()) {
            checkValueFits(cell, problems, path);
        }
        return cell;
    }

    private static void checkValueFits(Cell cell, Problems problems, Supplier<String> path) {
        JsonNode value = cell.value();
        CellFormat format = cell.format();
        if (format.isNumeric() && !value.isNumber()) {
            report(problems, path, ".value", "format '" + format.wireName() + "' needs a number, got "
                    + kind(value));
        } else if (format.isTemporal()) {
            if (!value.isTextual() || temporal(format, value.textValue()) == null) {
                report(problems, path, ".value", "format '" + format.wireName() + "' needs " + example(format)
                        + ", got " + (value.isTextual() ? "'" + abbreviate(value.textValue()) + "'" : kind(value)));
            }
        }
    }

    private static String kind(JsonNode value) {
        return value.isTextual() ? "a string" : value.isBoolean() ? "a boolean" : value.isNumber() ? "a number"
                : value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String example(CellFormat format) {
        return switch (format) {
            case DATE -> "an ISO 8601 date such as 2026-11-24";
            case DATETIME -> "an ISO 8601 date-time such as 2026-11-24T07:05:00 (an offset is kept as written)";
            default -> "a time such as 07:05 or 07:05:30";
        };
    }

    /**
     * The wall-clock date and time of a {@code date}, {@code datetime} or {@code time} value, or {@code null} when the
     * text is not ISO 8601 of that kind. A date-time's offset is dropped: the sheet shows the time as written.
     */
    public static LocalDateTime temporal(CellFormat format, String text) {
        try {
            return switch (format) {
                case DATE -> isoDate(text).atStartOfDay();
                case DATETIME -> text.length() <= 10 ? LocalDate.parse(text).atStartOfDay()
                        : LocalDateTime.from(DateTimeFormatter.ISO_DATE_TIME.parse(text));
                case TIME -> EXCEL_DAY_ZERO.atTime(LocalTime.parse(text));
                default -> null;
            };
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * {@link LocalDate#parse} with a shortcut for the plain {@code yyyy-mm-dd} form (a million date cells parse in a
     * fraction of the formatter's time); the same dates are accepted and refused (31 February fails in both).
     */
    private static LocalDate isoDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /** The number written with ASCII digits from {@code from} to {@code to}, or -1 when another character is there. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + ch - '0';
        }
        return value;
    }

    /** The ISO 4217 codes the JDK knows, looked up once (the check runs for every currency cell). */
    private static final Set<String> CURRENCY_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    static boolean isCurrency(String code) {
        return CURRENCY_CODES.contains(code);
    }

    private static String optionalText(JsonNode raw, String field, Problems problems, Supplier<String> path) {
        JsonNode node = raw.get(field);
        if (node == null || node.isNull() || StepValues.isReference(node)) {
            return null;
        }
        if (!node.isTextual()) {
            report(problems, path, "." + field, "must be a string");
            return null;
        }
        return node.textValue();
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static void report(Problems problems, Supplier<String> path, String suffix, String message) {
        if (problems != null) {
            problems.add(path.get() + suffix, message);
        }
    }
}
