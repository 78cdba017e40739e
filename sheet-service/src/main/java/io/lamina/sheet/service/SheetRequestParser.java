package io.lamina.sheet.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.sheet.Cell;
import io.lamina.sheet.OutputFormat;
import io.lamina.sheet.Sheet;
import io.lamina.sheet.SheetErrors;
import io.lamina.sheet.SheetRequest;
import io.lamina.sheet.config.SheetLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks a {@code sheet_generation} request completely before anything is written, so that a bad request fails with
 * the path of its first problem ({@code sheets[0].rows[3]: 4 cells but the sheet has 3 columns}) instead of a half
 * written file. Formulas are checked when they are evaluated.
 */
public final class SheetRequestParser {

    private final SheetLimits limits;

    public SheetRequestParser(SheetLimits limits) {
        this.limits = limits;
    }

    public SheetRequest parse(JsonNode params) {
        if (params == null || !params.isObject()) {
            throw SheetErrors.invalid("params", "must be an object with 'format' and 'sheets'");
        }
        OutputFormat format = format(params.get("format"));
        boolean includeBom = false;
        JsonNode bom = params.get("include_bom");
        if (bom != null && !bom.isNull()) {
            if (!bom.isBoolean()) {
                throw SheetErrors.invalid("include_bom", "must be true or false");
            }
            includeBom = bom.booleanValue();
        }
        checkShape(params, "styles", JsonNode::isObject, "an object");
        checkShape(params, "fonts", JsonNode::isArray, "an array");

        JsonNode sheets = params.get("sheets");
        if (sheets == null || !sheets.isArray() || sheets.isEmpty()) {
            throw SheetErrors.invalid("sheets", "must be a non-empty array of sheets");
        }
        if (format == OutputFormat.CSV && sheets.size() > 1) {
            throw SheetErrors.invalid("sheets", "CSV output holds exactly one sheet, got " + sheets.size()
                    + "; use markdown for several");
        }
        List<Sheet> parsed = new ArrayList<>(sheets.size());
        for (int i = 0; i < sheets.size(); i++) {
            parsed.add(sheet(sheets.get(i), "sheets[" + i + "]"));
        }
        return new SheetRequest(format, includeBom, List.copyOf(parsed));
    }

    private static OutputFormat format(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw SheetErrors.invalid("format", "required: one of csv, markdown, xlsx");
        }
        return OutputFormat.byWireName(node.textValue()).orElseThrow(() -> SheetErrors.invalid("format",
                "unknown format '" + node.textValue() + "'; expected one of csv, markdown, xlsx"));
    }

    private Sheet sheet(JsonNode node, String path) {
        if (!node.isObject()) {
            throw SheetErrors.invalid(path, "must be an object with 'columns' and 'rows'");
        }
        String name = null;
        JsonNode nameNode = node.get("name");
        if (nameNode != null && !nameNode.isNull()) {
            if (!nameNode.isTextual()) {
                throw SheetErrors.invalid(path + ".name", "must be a string");
            }
            name = checkedLength(nameNode.textValue(), path + ".name");
        }
        List<String> columns = columns(node.get("columns"), path + ".columns");
        JsonNode rows = node.get("rows");
        String rowsPath = path + ".rows";
        if (rows == null || !rows.isArray()) {
            throw SheetErrors.invalid(rowsPath, "required: an array of rows (each an array of cells)");
        }
        if (rows.size() > limits.maxRows()) {
            throw SheetErrors.limit(rowsPath, rows.size() + " rows, the limit is " + limits.maxRows() + " per sheet");
        }
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            String rowPath = rowsPath + "[" + r + "]";
            if (!row.isArray()) {
                throw SheetErrors.invalid(rowPath, "must be an array of cells");
            }
            if (row.size() > columns.size()) {
                throw SheetErrors.invalid(rowPath, row.size() + " cells but the sheet has " + columns.size()
                        + (columns.size() == 1 ? " column" : " columns"));
            }
            for (int c = 0; c < row.size(); c++) {
                String cellPath = rowPath + "[" + c + "]";
                Cell cell = Cell.parse(row.get(c), cellPath);
                if (cell.value().isTextual()) {
                    checkedLength(cell.value().textValue(), cellPath);
                }
            }
        }
        return new Sheet(name, columns, rows, path);
    }

    private List<String> columns(JsonNode node, String path) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw SheetErrors.invalid(path, "must be a non-empty array of columns");
        }
        if (node.size() > limits.maxColumns()) {
            throw SheetErrors.limit(path, node.size() + " columns, the limit is " + limits.maxColumns());
        }
        List<String> names = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode column = node.get(i);
            String columnPath = path + "[" + i + "]";
            if (!column.isObject() || !column.path("name").isTextual()) {
                throw SheetErrors.invalid(columnPath, "must be an object with a string 'name'");
            }
            JsonNode width = column.get("width");
            if (width != null && !width.isNull() && !(width.isNumber() && width.doubleValue() > 0)) {
                throw SheetErrors.invalid(columnPath + ".width", "must be a positive number");
            }
            names.add(checkedLength(column.get("name").textValue(), columnPath + ".name"));
        }
        return List.copyOf(names);
    }

    private String checkedLength(String text, String path) {
        if (text.length() > limits.maxCellLength()) {
            throw SheetErrors.limit(path, text.length() + " characters, the limit is " + limits.maxCellLength());
        }
        return text;
    }

    private static void checkShape(JsonNode params, String field, Predicate<JsonNode> ok,
                                   String expected) {
        JsonNode node = params.get(field);
        if (node != null && !node.isNull() && !ok.test(node)) {
            throw SheetErrors.invalid(field, "must be " + expected);
        }
    }
}
