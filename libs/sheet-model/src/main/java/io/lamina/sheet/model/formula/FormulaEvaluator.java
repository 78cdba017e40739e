package io.lamina.sheet.model.formula;

import io.lamina.sheet.model.Cell;
import io.lamina.sheet.model.Sheet;
import io.lamina.sheet.model.SheetException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the formulas of one sheet for the outputs that cannot carry formulas (CSV, Markdown). References use
 * sheet coordinates: row 1 is the header (text, so never counted), body row {@code i} of the request is row
 * {@code i + 2}. A formula may refer to other formula cells; each is evaluated once, and a cycle is an error.
 */
public final class FormulaEvaluator {

    /** Deeper chains of forward references than this are refused rather than risking the worker's stack. */
    static final int MAX_DEPTH = 500;

    private final Sheet sheet;
    private final Map<Long, FormulaValue> results = new HashMap<>();
    private final Set<Long> inProgress = new HashSet<>();

    public FormulaEvaluator(Sheet sheet) {
        this.sheet = sheet;
    }

    /**
     * The value of the formula in body row {@code row}, column {@code column}.
     *
     * @throws SheetException {@code unsupported_formula} for a formula outside the supported set,
     *         {@code invalid_params} for a circular reference
     */
    public FormulaValue evaluate(int row, int column) {
        return evaluate(row, column, 0);
    }

    private FormulaValue evaluate(int row, int column, int depth) {
        long key = (long) row * sheet.columnCount() + column;
        FormulaValue known = results.get(key);
        if (known != null) {
            return known;
        }
        String path = sheet.cellPath(row, column);
        if (!inProgress.add(key)) {
            throw new SheetException(SheetException.INVALID_PARAMS, path, "circular reference: the formula depends on its own value");
        }
        if (depth > MAX_DEPTH) {
            throw new SheetException(SheetException.UNSUPPORTED_FORMULA, path, "formulas refer to formulas more than " + MAX_DEPTH + " levels deep");
        }
        Formula formula = Formula.parse(sheet.cell(row, column).value().textValue(), path);
        List<BigDecimal> numbers = new ArrayList<>();
        FormulaValue result = null;
        for (CellRange range : formula.arguments()) {
            FormulaValue.Error error = collect(range, numbers, depth);
            if (error != null) {
                result = error;
                break;
            }
        }
        if (result == null) {
            result = formula.function().apply(numbers);
        }
        inProgress.remove(key);
        results.put(key, result);
        return result;
    }

    /** Adds the numbers in {@code range} to {@code numbers}; returns the first error met, if any. */
    private FormulaValue.Error collect(CellRange range, List<BigDecimal> numbers, int depth) {
        // Row 1 is the header, and nothing lies beyond the request's rows and columns: clip the range to the data.
        int firstRow = Math.max(range.firstRow(), 2) - 2;
        int lastRow = Math.min(range.lastRow() - 2, sheet.rowCount() - 1);
        int lastColumn = Math.min(range.lastColumn(), sheet.columnCount() - 1);
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = range.firstColumn(); c <= lastColumn; c++) {
                Cell cell = sheet.cell(r, c);
                if (cell.isFormula()) {
                    FormulaValue value = evaluate(r, c, depth + 1);
                    if (value instanceof FormulaValue.Error error) {
                        return error;
                    }
                    numbers.add(((FormulaValue.Number) value).value());
                } else if (cell.value().isNumber()) {
                    numbers.add(cell.value().decimalValue());
                }
            }
        }
        return null;
    }
}
