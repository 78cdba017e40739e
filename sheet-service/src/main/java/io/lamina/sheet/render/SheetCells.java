package io.lamina.sheet.render;

import io.lamina.sheet.model.Cell;
import io.lamina.sheet.model.Sheet;
import io.lamina.sheet.model.formula.FormulaEvaluator;
import io.lamina.sheet.model.formula.FormulaValue;

/** The displayed text of each cell of one sheet, with its formulas evaluated. */
final class SheetCells {

    private final Sheet sheet;
    private final FormulaEvaluator formulas;

    SheetCells(Sheet sheet) {
        this.sheet = sheet;
        this.formulas = new FormulaEvaluator(sheet);
    }

    String text(int row, int column) {
        Cell cell = sheet.cell(row, column);
        if (!cell.isFormula()) {
            return CellFormatter.text(cell, sheet.cellPath(row, column));
        }
        FormulaValue value = formulas.evaluate(row, column);
        if (value instanceof FormulaValue.Number number) {
            return CellFormatter.number(number.value(), cell);
        }
        return ((FormulaValue.Error) value).text();
    }
}
