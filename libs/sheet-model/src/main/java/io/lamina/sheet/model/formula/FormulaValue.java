package io.lamina.sheet.model.formula;

import java.math.BigDecimal;

/** What a formula evaluates to: a number, or a spreadsheet error that propagates to formulas referring to it. */
public sealed interface FormulaValue {

    record Number(BigDecimal value) implements FormulaValue {
    }

    enum Error implements FormulaValue {
        DIV_ZERO("#DIV/0!");

        private final String text;

        Error(String text) {
            this.text = text;
        }

        /** How the error shows in a cell, as in Excel and LibreOffice. */
        public String text() {
            return text;
        }
    }
}
