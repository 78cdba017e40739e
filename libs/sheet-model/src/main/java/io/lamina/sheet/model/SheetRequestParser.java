package io.lamina.sheet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lamina.params.ParamsProblem;
import io.lamina.params.Problems;
import io.lamina.params.StepValues;
import io.lamina.sheet.model.formula.Formula;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads and checks a {@code sheet_generation} request completely, before anything is written: every problem is
 * reported with its path ({@code sheets[0].rows[3]: 4 cells but the sheet has 3 columns}). The gateway runs it at
 * submit time (through {@link SheetParamsValidator}), sheet-service again on the resolved params. At submit time a
 * pipeline reference is accepted wherever a value could come from an earlier step; the request is then
 * {@linkplain Parsed#request() incomplete} and only its known parts are checked.
 *
 * <p>CSV and Markdown formulas are checked here (only SUM, AVERAGE, COUNT, MIN and MAX over references of the same
 * sheet can be evaluated); XLSX formulas are Excel's and are parsed by the writer. Circular formulas are found when
 * they are evaluated.
 */
public final class SheetRequestParser {

    /** Cells covered by merged ranges, per sheet: the overlap check keeps one entry per covered cell. */
    static final int MAX_MERGED_CELLS = 1_000_000;

    private static final String FORBIDDEN_SHEET_NAME_CHARS = "[]:*?/\\";
    private static final int XLSX_MAX_SHEET_NAME = 31;
    private static final double MAX_COLUMN_WIDTH = 255;

    private final SheetLimits limits;

    public SheetRequestParser(SheetLimits limits) {
        this.limits = limits;
    }

    /**
     * The outcome: the problems found (empty when valid), whether a limit was exceeded, and the request when it is
     * valid and complete (no pipeline reference left).
     */
    public record Parsed(SheetRequest request, List<ParamsProblem> problems, boolean limitExceeded) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Parsed parse(JsonNode params) {
        return new Run().parse(params);
    }

    /** The state of one parse. */
    private final class Run {

        private final Problems problems = new Problems();
        private boolean limitExceeded;
        private boolean complete = true;
        private OutputFormat format;

        Parsed parse(JsonNode params) {
            if (params == null || !params.isObject()) {
                problems.add("", "must be an object with 'format' and 'sheets'");
                return done(null);
            }
            format = format(params.get("format"));
            boolean includeBom = flag(params, "include_bom", false, "");
            CellStyle header = CellStyle.DEFAULT_HEADER;
            CellStyle body = CellStyle.NONE;
            JsonNode styles = params.get("styles");
            if (styles != null && !styles.isNull() && !StepValues.isReference(styles)) {
                if (!styles.isObject()) {
                    problems.add("styles", "must be an object with 'header' and/or 'body' cell styles");
                } else {
                    header = header.over(CellStyle.parse(styles.get("header"), problems, () -> "styles.header"));
                    body = CellStyle.parse(styles.get("body"), problems, () -> "styles.body");
                }
            }
            List<String> fonts = fonts(params.get("fonts"));
            List<Sheet> sheets = sheets(params.get("sheets"));
            if (sheets == null || format == null) {
                complete = false;
            }
            return done(complete ? new SheetRequest(format, includeBom, sheets, header, body, fonts) : null);
        }

        private Parsed done(SheetRequest request) {
            boolean valid = problems.isEmpty();
            return new Parsed(valid ? request : null, problems.list(), limitExceeded);
        }

        private void limit(String path, String message) {
            limitExceeded = true;
            problems.add(path, message);
        }

        private OutputFormat format(JsonNode node) {
            if (StepValues.isReference(node)) {
                return null;
            }
            if (node == null || !node.isTextual()) {
                problems.add("format", "required: one of csv, markdown, xlsx");
                return null;
            }
            OutputFormat parsed = OutputFormat.byWireName(node.textValue()).orElse(null);
            if (parsed == null) {
                problems.add("format", "unknown format '" + node.textValue() + "'; expected one of csv, markdown, xlsx");
            }
            return parsed;
        }

        private boolean flag(JsonNode parent, String field, boolean fallback, String parentPath) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (StepValues.isReference(node)) {
                complete = false;
                return fallback;
            }
            if (!node.isBoolean()) {
                problems.add(Problems.field(parentPath, field), "must be true or false");
                return fallback;
            }
            return node.booleanValue();
        }

        private List<String> fonts(JsonNode node) {
            List<String> names = new ArrayList<>();
            if (node == null || node.isNull() || StepValues.isReference(node)) {
                return names;
            }
            if (!node.isArray()) {
                problems.add("fonts", "must be an array of fonts {name, weight, style, file}");
                return names;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode font = node.get(i);
                String path = Problems.index("fonts", i);
                if (StepValues.isReference(font)) {
                    continue;
                }
                if (!font.isObject()) {
                    problems.add(path, "must be an object {name, weight, style, file}");
                    continue;
                }
                JsonNode name = font.get("name");
                if (name == null || !name.isTextual() || name.textValue().isBlank()
                        || name.textValue().length() > CellStyle.MAX_FONT_NAME) {
                    if (!StepValues.isReference(name)) {
                        problems.add(path + ".name", "required: a font family name of 1 to "
                                + CellStyle.MAX_FONT_NAME + " characters");
                    }
                } else {
                    names.add(name.textValue());
                }
                JsonNode weight = font.get("weight");
                if (weight == null || !(weight.isTextual() || StepValues.isReference(weight))) {
                    problems.add(path + ".weight", "required: a weight such as regular or bold");
                }
                JsonNode style = font.get("style");
                if (style == null || !(StepValues.isReference(style) || style.isTextual()
                        && (style.textValue().equals("normal") || style.textValue().equals("italic")))) {
                    problems.add(path + ".style", "required: normal or italic");
                }
                JsonNode file = font.get("file");
                if (!StepValues.isFileInput(file) && !StepValues.isReference(file)) {
                    problems.add(path + ".file", "required: a file input {\"type\":\"base64\"|\"url\"|\"file\", …}");
                }
            }
            return names;
        }

        private List<Sheet> sheets(JsonNode node) {
            if (StepValues.isReference(node)) {
                return null;
            }
            if (node == null || !node.isArray() || node.isEmpty()) {
                problems.add("sheets", "must be a non-empty array of sheets");
                return null;
            }
            if (format == OutputFormat.CSV && node.size() > 1) {
                problems.add("sheets", "CSV output holds exactly one sheet, got " + node.size()
                        + "; use markdown or xlsx for several");
            }
            List<Sheet> sheets = new ArrayList<>(node.size());
            Set<String> names = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                Sheet sheet = sheet(node.get(i), Problems.index("sheets", i), i);
                if (sheet == null) {
                    complete = false;
                    continue;
                }
                if (format == OutputFormat.XLSX) {
                    String name = xlsxName(sheet, i);
                    if (!names.add(name.toLowerCase(Locale.ROOT))) {
                        problems.add(sheet.path() + ".name", "another sheet is already called '" + name
                                + "' (Excel compares sheet names ignoring case)");
                    }
                }
                sheets.add(sheet);
            }
            return List.copyOf(sheets);
        }

        private Sheet sheet(JsonNode node, String path, int index) {
            if (StepValues.isReference(node)) {
                return null;
            }
            if (!node.isObject()) {
                problems.add(path, "must be an object with 'columns' and 'rows'");
                return null;
            }
            String name = sheetName(node.get("name"), path + ".name");
            List<Column> columns = columns(node.get("columns"), path + ".columns");
            boolean freezeHeader = flag(node, "freeze_header", true, path);
            boolean autofilter = flag(node, "autofilter", true, path);

            ArrayNode fromExtraction = null;
            JsonNode rowsFrom = node.get("rows_from");
            if (rowsFrom != null && !rowsFrom.isNull()) {
                fromExtraction = ExtractionRows.expand(rowsFrom, columns == null ? null : columns.size(),
                        maxRows(), problems, path + ".rows_from");
                if (fromExtraction == null) {
                    complete = false;
                }
            }
            JsonNode rows = node.get("rows");
            String rowsPath = path + ".rows";
            if (StepValues.isReference(rows)) {
                complete = false;
                return null;
            }
            if (rows != null && !rows.isNull() && !rows.isArray()) {
                problems.add(rowsPath, "must be an array of rows (each an array of cells)");
                return null;
            }
            JsonNode allRows = rows == null || rows.isNull() ? ArrayNodeHolder.EMPTY : rows;
            if (fromExtraction != null) {
                fromExtraction.addAll((ArrayNode) allRows);
                allRows = fromExtraction;
            }
            if (allRows.size() > maxRows()) {
                limit(fromExtraction != null ? path + ".rows_from" : rowsPath, allRows.size()
                        + " rows, the limit is " + maxRows() + " per sheet");
                return null;
            }
            List<Merge> merges = rows(allRows, columns, path, fromExtraction == null ? 0 : fromExtraction.size()
                    - (rows == null || rows.isNull() ? 0 : rows.size()));
            if (columns == null || merges == null) {
                return null;
            }
            return new Sheet(name, columns, SheetRows.of(allRows), path, freezeHeader, autofilter, merges);
        }

        private int maxRows() {
            return format == OutputFormat.XLSX ? Math.min(limits.maxRows(), SheetLimits.XLSX_MAX_BODY_ROWS)
                    : limits.maxRows();
        }

        private String sheetName(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (StepValues.isReference(node)) {
                complete = false;
                return null;
            }
            if (!node.isTextual()) {
                problems.add(path, "must be a string");
                return null;
            }
            String name = node.textValue();
            checkLength(name, path);
            if (format == OutputFormat.XLSX) {
                if (name.isBlank() || name.length() > XLSX_MAX_SHEET_NAME) {
                    problems.add(path, "an XLSX sheet name has 1 to 31 characters, got " + name.length());
                } else if (name.chars().anyMatch(ch -> FORBIDDEN_SHEET_NAME_CHARS.indexOf(ch) >= 0)) {
                    problems.add(path, "an XLSX sheet name cannot contain any of " + FORBIDDEN_SHEET_NAME_CHARS);
                } else if (name.startsWith("'") || name.endsWith("'")) {
                    problems.add(path, "an XLSX sheet name cannot start or end with an apostrophe");
                }
            }
            return name;
        }

        private String xlsxName(Sheet sheet, int index) {
            return sheet.name() == null ? "Sheet" + (index + 1) : sheet.name();
        }

        private List<Column> columns(JsonNode node, String path) {
            if (StepValues.isReference(node)) {
                complete = false;
                return null;
            }
            if (node == null || !node.isArray() || node.isEmpty()) {
                problems.add(path, "must be a non-empty array of columns");
                return null;
            }
            int max = format == OutputFormat.XLSX ? Math.min(limits.maxColumns(), SheetLimits.XLSX_MAX_COLUMNS)
                    : limits.maxColumns();
            if (node.size() > max) {
                limit(path, node.size() + " columns, the limit is " + max);
                return null;
            }
            List<Column> columns = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode column = node.get(i);
                String columnPath = Problems.index(path, i);
                if (StepValues.isReference(column)) {
                    complete = false;
                    columns.add(new Column("", null));
                    continue;
                }
                JsonNode name = column.path("name");
                if (!column.isObject() || !(name.isTextual() || StepValues.isReference(name))) {
                    problems.add(columnPath, "must be an object with a string 'name'");
                    columns.add(new Column("", null));
                    continue;
                }
                if (StepValues.isReference(name)) {
                    complete = false;
                } else if (name.textValue().isEmpty()) {
                    problems.add(columnPath + ".name", "must not be empty");
                } else {
                    checkLength(name.textValue(), columnPath + ".name");
                }
                Double width = null;
                JsonNode widthNode = column.get("width");
                if (widthNode != null && !widthNode.isNull() && !StepValues.isReference(widthNode)) {
                    if (widthNode.isNumber() && widthNode.doubleValue() > 0
                            && widthNode.doubleValue() <= MAX_COLUMN_WIDTH) {
                        width = widthNode.doubleValue();
                    } else {
                        problems.add(columnPath + ".width", "must be a positive number of at most 255 (characters)");
                    }
                }
                columns.add(new Column(name.asText(""), width));
            }
            return List.copyOf(columns);
        }

        /**
         * Checks every row and cell; returns the sheet's merged ranges, or {@code null} when a row is still a
         * reference. {@code generated} rows at the start came from {@code rows_from}: their paths say so.
         */
        private List<Merge> rows(JsonNode rows, List<Column> columns, String sheetPath, int generated) {
            List<Merge> merges = new ArrayList<>();
            Set<Long> merged = new HashSet<>();
            boolean evaluated = format == OutputFormat.CSV || format == OutputFormat.MARKDOWN;
            boolean resolved = true;
            for (int r = 0; r < rows.size(); r++) {
                JsonNode row = rows.get(r);
                int rowIndex = r;
                Supplier<String> rowPath = () -> rowPath(sheetPath, rowIndex, generated);
                if (StepValues.isReference(row)) {
                    resolved = false;
                    continue;
                }
                if (!row.isArray()) {
                    problems.add(rowPath.get(), "must be an array of cells");
                    continue;
                }
                if (columns != null && row.size() > columns.size()) {
                    problems.add(rowPath.get(), row.size() + " cells but the sheet has " + columns.size()
                            + (columns.size() == 1 ? " column" : " columns"));
                    continue;
                }
                for (int c = 0; c < row.size(); c++) {
                    JsonNode raw = row.get(c);
                    if (raw == null || raw.isNull() || raw.isNumber() || raw.isBoolean()) {
                        continue;
                    }
                    int column = c;
                    Supplier<String> cellPath = () -> rowPath.get() + "[" + column + "]";
                    Cell cell = Cell.parse(raw, problems, cellPath);
                    if (StepValues.isReference(raw) || raw.isObject() && holdsReference(raw)) {
                        resolved = false;
                        continue;
                    }
                    if (cell.value().isTextual()) {
                        String text = cell.value().textValue();
                        if (text.length() > limits.maxCellLength()) {
                            limit(cellPath.get(), text.length() + " characters, the limit is "
                                    + limits.maxCellLength());
                        } else if (evaluated && cell.isFormula()) {
                            try {
                                Formula.parse(text, cellPath.get());
                            } catch (SheetException e) {
                                problems.add(cellPath.get(), e.getMessage().substring(cellPath.get().length() + 2));
                            }
                        } else if (format == OutputFormat.XLSX && cell.isFormula() && text.length() < 2) {
                            problems.add(cellPath.get(), "'=' alone is not a formula");
                        }
                    }
                    if (cell.isMerged()) {
                        merge(cell, r, c, rows.size(), columns, merges, merged, cellPath);
                    }
                }
            }
            if (!resolved) {
                complete = false;
            }
            return merges;
        }

        private void merge(Cell cell, int row, int column, int rowCount, List<Column> columns, List<Merge> merges,
                           Set<Long> merged, Supplier<String> path) {
            int fromCol = cell.fromCol() == null ? column : cell.fromCol();
            int toCol = cell.toCol() == null ? column : cell.toCol();
            int fromRow = cell.fromRow() == null ? row : cell.fromRow();
            int toRow = cell.toRow() == null ? row : cell.toRow();
            if (fromCol != column || fromRow != row) {
                problems.add(path.get(), "a merged range starts at the cell that holds its value: from_col must be "
                        + column + " and from_row " + row + " here (0-based), got " + fromCol + " and " + fromRow);
                return;
            }
            if (toCol < fromCol || toRow < fromRow) {
                problems.add(path.get(), "to_col and to_row must not be smaller than from_col and from_row");
                return;
            }
            if (columns != null && toCol >= columns.size()) {
                problems.add(path.get() + ".to_col", toCol + " is beyond the last column (" + (columns.size() - 1)
                        + ")");
                return;
            }
            if (toRow >= rowCount) {
                problems.add(path.get() + ".to_row", toRow + " is beyond the last row (" + (rowCount - 1) + ")");
                return;
            }
            if (toCol == fromCol && toRow == fromRow) {
                return;
            }
            long cells = (long) (toCol - fromCol + 1) * (toRow - fromRow + 1);
            if (merged.size() + cells > MAX_MERGED_CELLS) {
                limit(path.get(), "merged ranges of one sheet may cover at most " + MAX_MERGED_CELLS + " cells");
                return;
            }
            for (int r = fromRow; r <= toRow; r++) {
                for (int c = fromCol; c <= toCol; c++) {
                    if (!merged.add((long) r * SheetLimits.XLSX_MAX_COLUMNS + c)) {
                        problems.add(path.get(), "the merged range overlaps another one at rows[" + r + "][" + c
                                + "]");
                        return;
                    }
                }
            }
            merges.add(new Merge(fromRow, toRow, fromCol, toCol));
        }

        private void checkLength(String text, String path) {
            if (text.length() > limits.maxCellLength()) {
                limit(path, text.length() + " characters, the limit is " + limits.maxCellLength());
            }
        }
    }

    /** Whether a pipeline reference sits anywhere inside {@code node} (a cell object: a few small fields). */
    private static boolean holdsReference(JsonNode node) {
        if (StepValues.isReference(node)) {
            return true;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (holdsReference(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Rows made from {@code rows_from} come first; the request's own {@code rows} follow them. */
    private static String rowPath(String sheetPath, int row, int generated) {
        return row < generated ? sheetPath + ".rows_from (row " + row + ")"
                : sheetPath + ".rows[" + (row - generated) + "]";
    }

    private static final class ArrayNodeHolder {
        static final ArrayNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
}
