package io.lamina.sheet.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.sheet.model.Cell;
import io.lamina.sheet.model.CellFormat;
import io.lamina.sheet.model.CellStyle;
import io.lamina.sheet.model.Column;
import io.lamina.sheet.model.Merge;
import io.lamina.sheet.model.Sheet;
import io.lamina.sheet.model.SheetException;
import io.lamina.sheet.model.SheetRequest;
import io.lamina.sheet.model.formula.FormulaEvaluator;
import io.lamina.sheet.model.formula.FormulaValue;
import org.apache.poi.ss.formula.FormulaParseException;
import org.apache.poi.ss.formula.FormulaParser;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFEvaluationWorkbook;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * XLSX through POI's SXSSF: rows are flushed to a temporary file once {@link #WINDOW} newer rows exist, so memory
 * stays flat however many rows a sheet has; a second thread compresses them on the way ({@link StreamingWorkbook}). Strings are written inline (no shared-strings table, which would grow
 * with every distinct string). Cell styles are made once per distinct look ({@link XlsxStyles}).
 *
 * <ul>
 * <li>Numbers, booleans and strings keep their types; {@code date}, {@code datetime} and {@code time} values become
 * Excel serial dates with the cell's {@code date_style} (an Excel date code) or {@code yyyy-mm-dd},
 * {@code yyyy-mm-dd hh:mm:ss}, {@code hh:mm:ss}.</li>
 * <li>Formats become Excel number formats: {@code number} {@code #,##0} with the value's own decimals,
 * {@code decimal} {@code #,##0.00}, {@code currency} {@code [$€] #,##0.00} (the currency's symbol or code and minor
 * digits, USD by default), {@code percentage} {@code 0%} to {@code 0.00%}, {@code text} {@code @}; a style's
 * {@code number_format} replaces any of them (and is what {@code custom} uses).</li>
 * <li>Formulas stay formulas (Excel syntax, checked with POI's parser); those Lamina can evaluate (SUM, AVERAGE,
 * COUNT, MIN, MAX) also get their cached value, and the workbook asks Excel to recalculate on open.</li>
 * <li>The header row uses the request's header style (bold by default), is frozen and carries an autofilter unless
 * the sheet turns those off; merged ranges and column widths (Excel character units) are applied.</li>
 * </ul>
 */
public final class XlsxSheetWriter implements SheetWriter {

    /** Rows kept in memory per sheet before SXSSF flushes them to its temporary file. */
    static final int WINDOW = 200;

    /** Currencies shown with their symbol; the rest with their ISO code. */
    private static final Map<String, String> SYMBOLS = Map.of("USD", "$", "EUR", "€", "GBP", "£", "JPY", "¥",
            "CNY", "¥", "INR", "₹", "KRW", "₩", "ILS", "₪", "NGN", "₦", "UAH", "₴");

    /** Day zero of Excel's 1900 date system (1899-12-30, which makes 1900-03-01 serial 61 as in Excel). */
    private static final long EXCEL_EPOCH_DAY = java.time.LocalDate.of(1899, 12, 30).toEpochDay();
    /** {@code #,##0} with 0 to 15 decimals, made once. */
    private static final String[] NUMBER_CODES = new String[16];
    /** {@code 0%}, {@code 0.0%}, {@code 0.00%}. */
    private static final String[] PERCENT_CODES = new String[3];
    /** The currency format of each currency code seen (a few hundred ISO codes at most). */
    private static final Map<String, String> CURRENCY_CODES = new ConcurrentHashMap<>();

    static {
        for (int i = 0; i < NUMBER_CODES.length; i++) {
            NUMBER_CODES[i] = "#,##0" + decimals(i);
        }
        for (int i = 0; i < PERCENT_CODES.length; i++) {
            PERCENT_CODES[i] = "0" + decimals(i) + "%";
        }
    }

    private final int maxStyles;
    private final int compressionLevel;

    /**
     * @param maxStyles distinct cell styles allowed in one file
     * @param compressionLevel the zip deflate level, 1 (fastest) to 9 (smallest)
     */
    public XlsxSheetWriter(int maxStyles, int compressionLevel) {
        this.maxStyles = maxStyles;
        this.compressionLevel = compressionLevel;
    }

    @Override
    public void write(SheetRequest request, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new StreamingWorkbook(WINDOW, compressionLevel);
        try {
            XlsxStyles styles = new XlsxStyles(workbook, maxStyles);
            List<SXSSFSheet> sheets = new ArrayList<>();
            for (int i = 0; i < request.sheets().size(); i++) {
                Sheet sheet = request.sheets().get(i);
                sheets.add(workbook.createSheet(sheet.name() == null ? "Sheet" + (i + 1) : sheet.name()));
            }
            SXSSFEvaluationWorkbook formulas = SXSSFEvaluationWorkbook.create(workbook);
            for (int i = 0; i < sheets.size(); i++) {
                new SheetPass(request, request.sheets().get(i), sheets.get(i), i, styles, formulas).write();
            }
            workbook.setForceFormulaRecalculation(true);
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    /** Writing one sheet. */
    private static final class SheetPass {

        private final Sheet sheet;
        private final SXSSFSheet target;
        private final int index;
        private final XlsxStyles styles;
        private final SXSSFEvaluationWorkbook formulas;
        private final CellStyle header;
        private final CellStyle body;
        private final XSSFCellStyle plainBodyStyle;
        /**
         * The style given to every cell without a look of its own: the body style, or the workbook's default style
         * set explicitly (SXSSF otherwise looks for a column style on every cell it writes).
         */
        private final XSSFCellStyle plainStyle;
        /** Per column, the last look resolved: the cells of a column usually share their format and style. */
        private final StyleMemo[] memos;
        private FormulaEvaluator evaluator;

        SheetPass(SheetRequest request, Sheet sheet, SXSSFSheet target, int index, XlsxStyles styles,
                  SXSSFEvaluationWorkbook formulas) {
            this.sheet = sheet;
            this.target = target;
            this.index = index;
            this.styles = styles;
            this.formulas = formulas;
            this.header = request.headerStyle();
            this.body = request.bodyStyle();
            this.plainBodyStyle = styles.get(body);
            this.plainStyle = plainBodyStyle != null ? plainBodyStyle : styles.defaultStyle();
            this.memos = new StyleMemo[sheet.columnCount()];
        }

        void write() {
            List<Column> columns = sheet.columns();
            SXSSFRow headerRow = target.createRow(0);
            XSSFCellStyle headerStyle = styles.get(header);
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                SXSSFCell cell = headerRow.createCell(c);
                cell.setCellValue(column.name());
                if (headerStyle != null) {
                    cell.setCellStyle(headerStyle);
                }
                if (column.width() != null) {
                    target.setColumnWidth(c, (int) Math.min(255 * 256, Math.round(column.width() * 256)));
                }
            }
            int rows = sheet.rowCount();
            for (int r = 0; r < rows; r++) {
                JsonNode cells = sheet.rows().row(r);
                SXSSFRow row = target.createRow(r + 1);
                for (int c = 0; c < cells.size(); c++) {
                    write(cells.get(c), row, r, c);
                }
            }
            for (Merge merge : sheet.merges()) {
                target.addMergedRegionUnsafe(new CellRangeAddress(merge.firstRow() + 1, merge.lastRow() + 1,
                        merge.firstColumn(), merge.lastColumn()));
            }
            if (sheet.freezeHeader()) {
                target.createFreezePane(0, 1);
            }
            if (sheet.autofilter()) {
                target.setAutoFilter(new CellRangeAddress(0, rows, 0, columns.size() - 1));
            }
        }

        private void write(JsonNode raw, SXSSFRow row, int r, int c) {
            if (raw == null || raw.isNull()) {
                if (plainBodyStyle != null) {
                    row.createCell(c).setCellStyle(plainBodyStyle);
                }
                return;
            }
            if (raw.isNumber()) {
                SXSSFCell cell = row.createCell(c);
                cell.setCellValue(raw.doubleValue());
                cell.setCellStyle(plainStyle);
                return;
            }
            if (raw.isBoolean()) {
                SXSSFCell cell = row.createCell(c);
                cell.setCellValue(raw.booleanValue());
                cell.setCellStyle(plainStyle);
                return;
            }
            if (raw.isTextual() && !raw.textValue().startsWith("=")) {
                SXSSFCell cell = row.createCell(c);
                cell.setCellValue(raw.textValue());
                cell.setCellStyle(plainStyle);
                return;
            }
            writeCell(Cell.read(raw), row, r, c);
        }

        private void writeCell(Cell cell, SXSSFRow row, int r, int c) {
            JsonNode value = cell.value();
            SXSSFCell target = row.createCell(c);
            String code = cell.style().numberFormat() != null ? cell.style().numberFormat() : body.numberFormat();
            if (cell.isFormula()) {
                String formula = value.textValue().substring(1);
                checkFormula(formula, r, c);
                target.setCellFormula(formula);
                BigDecimal cached = cachedValue(r, c);
                if (cached != null) {
                    target.setCellValue(cached.doubleValue());
                }
                if (code == null) {
                    code = numberFormat(cell, cached);
                }
            } else if (value.isNull()) {
                if (code == null) {
                    code = numberFormat(cell, null);
                }
            } else if (cell.format() == CellFormat.TEXT) {
                target.setCellValue(value.isNumber() ? CellFormatter.canonical(value.decimalValue()) : value.asText());
                code = code == null ? "@" : code;
            } else if (value.isNumber()) {
                target.setCellValue(value.doubleValue());
                if (code == null) {
                    code = numberFormat(cell, value.decimalValue());
                }
            } else if (value.isBoolean()) {
                target.setCellValue(value.booleanValue());
            } else if (cell.format() != null && cell.format().isTemporal()) {
                LocalDateTime temporal = Cell.temporal(cell.format(), value.textValue());
                if (temporal == null || cell.format() != CellFormat.TIME && temporal.getYear() < 1900) {
                    // Excel's 1900 date system has no earlier days: keep the text rather than a wrong date.
                    target.setCellValue(value.textValue());
                } else {
                    target.setCellValue(serial(cell.format(), temporal));
                    if (code == null) {
                        code = numberFormat(cell, null);
                    }
                }
            } else {
                target.setCellValue(value.asText());
            }
            target.setCellStyle(style(c, cell.style(), code));
        }

        /** The shared style for a cell's own style and final number format, remembered per column. */
        private XSSFCellStyle style(int c, CellStyle own, String code) {
            StyleMemo memo = memos[c];
            if (memo != null && (memo.own == own || memo.own.equals(own)) && Objects.equals(memo.code, code)) {
                return memo.style;
            }
            CellStyle look = body.over(own);
            XSSFCellStyle style = styles.get(new CellStyle(look.backgroundColor(), look.fontColor(),
                    look.fontFamily(), look.fontSizeInPt(), look.horizontalAlignment(), look.bold(), look.italic(),
                    code));
            memos[c] = new StyleMemo(own, code, style == null ? styles.defaultStyle() : style);
            return memos[c].style;
        }

        private void checkFormula(String formula, int r, int c) {
            try {
                FormulaParser.parse(formula, formulas, FormulaType.CELL, index, r + 1);
            } catch (FormulaParseException | IllegalArgumentException | IllegalStateException e) {
                throw new SheetException(SheetException.INVALID_PARAMS, sheet.cellPath(r, c), "Excel cannot read "
                        + "the formula '=" + abbreviate(formula) + "': " + e.getMessage());
            }
        }

        /** The formula's value when Lamina can evaluate it (SUM, AVERAGE, COUNT, MIN, MAX), else {@code null}. */
        private BigDecimal cachedValue(int r, int c) {
            if (evaluator == null) {
                evaluator = new FormulaEvaluator(sheet);
            }
            try {
                FormulaValue value = evaluator.evaluate(r, c);
                return value instanceof FormulaValue.Number number ? number.value() : null;
            } catch (SheetException e) {
                return null;
            }
        }
    }

    private record StyleMemo(CellStyle own, String code, XSSFCellStyle style) {
    }

    /** Excel's serial number: days since 1899-12-30 (the 1900 system), the time as a fraction of a day. */
    static double serial(CellFormat format, LocalDateTime value) {
        double fraction = value.toLocalTime().toNanoOfDay() / 86_400e9;
        if (format == CellFormat.TIME) {
            return fraction;
        }
        long days = value.toLocalDate().toEpochDay() - EXCEL_EPOCH_DAY;
        return days + fraction;
    }

    /** The Excel number format a cell's {@code format} implies ({@code null}: General). */
    static String numberFormat(Cell cell, BigDecimal value) {
        CellFormat format = cell.format();
        if (format == null) {
            return null;
        }
        return switch (format) {
            case TEXT -> "@";
            case NUMBER -> NUMBER_CODES[value == null ? 0 : Math.min(15, scale(value))];
            case DECIMAL -> "#,##0.00";
            case CURRENCY -> CURRENCY_CODES.computeIfAbsent(cell.currencyOrDefault(),
                    code -> "[$" + SYMBOLS.getOrDefault(code, code) + "] #,##0" + decimals(CellFormatter.minorDigits(code)));
            case PERCENTAGE -> PERCENT_CODES[value == null ? 0 : Math.min(2,
                    scale(value.movePointRight(2).setScale(2, RoundingMode.HALF_UP)))];
            case DATE -> cell.dateCode() != null ? cell.dateCode().code() : "yyyy-mm-dd";
            case DATETIME -> cell.dateCode() != null ? cell.dateCode().code() : "yyyy-mm-dd hh:mm:ss";
            case TIME -> cell.dateCode() != null ? cell.dateCode().code() : "hh:mm:ss";
            case CUSTOM -> null;
        };
    }

    private static int scale(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    private static String decimals(int digits) {
        return digits == 0 ? "" : "." + "0".repeat(digits);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
