package io.lamina.sheet.formula;

import io.lamina.sheet.SheetErrors;
import io.lamina.sheet.model.Sheet;
import io.lamina.sheet.model.formula.FormulaEvaluator;
import io.lamina.sheet.model.formula.FormulaValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.lamina.sheet.Requests.csvRequest;
import static io.lamina.sheet.Requests.failure;
import static io.lamina.sheet.Requests.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormulaEvaluatorTest {

    private static final String COLUMNS = "[{'name':'item'},{'name':'qty'},{'name':'price'}]";
    /** Body rows are sheet rows 2..5; the formula goes in row 6, column C. */
    private static final String DATA = "['a',2,1.5],['b',3,0.1],['c','n/a',0.2],['d',true,null]";

    private static FormulaValue evaluate(String formula) {
        Sheet sheet = parse(csvRequest(COLUMNS, "[" + DATA + ",['total',null,'" + formula + "']]")).sheets().get(0);
        return new FormulaEvaluator(sheet).evaluate(4, 2);
    }

    private static String number(String formula) {
        FormulaValue value = evaluate(formula);
        assertTrue(value instanceof FormulaValue.Number, formula + " gave " + value);
        return ((FormulaValue.Number) value).value().stripTrailingZeros().toPlainString();
    }

    @Test
    void evaluatesSumOverRange() {
        assertEquals("1.8", number("=SUM(C2:C5)"));
        assertEquals("5", number("=SUM(B2:B5)"));
    }

    @Test
    void sumsDecimalsExactly() {
        assertEquals("0.3", number("=SUM(C3:C4)"));
    }

    @Test
    void evaluatesAverageCountMinMax() {
        assertEquals("2.5", number("=AVERAGE(B2:B5)"));
        assertEquals("3", number("=COUNT(C2:C5)"));
        assertEquals("0.1", number("=MIN(C2:C5)"));
        assertEquals("1.5", number("=MAX(C2:C5)"));
    }

    @Test
    void acceptsLowercaseNamesAbsoluteReferencesAndSeveralArguments() {
        assertEquals("6.5", number("=sum($B$2:B3, C2, A2:A5)"));
    }

    @Test
    void skipsHeaderTextBooleansAndEmptyCells() {
        assertEquals("5", number("=SUM(B1:B5)"));
        assertEquals("2", number("=COUNT(B1:B6)"));
    }

    @Test
    void clipsRangesToTheSheetsData() {
        assertEquals("2", number("=COUNT(A2:B1048576)"));
        assertEquals("5", number("=COUNT(A2:XFD5)"));
    }

    @Test
    void roundsQuotientsToFifteenSignificantDigits() {
        Sheet thirds = parse(csvRequest("[{'name':'n'}]", "[[1],[0],[0],['=AVERAGE(A2:A4)']]")).sheets().get(0);
        assertEquals(new BigDecimal("0.333333333333333"),
                ((FormulaValue.Number) new FormulaEvaluator(thirds).evaluate(3, 0)).value());
    }

    @Test
    void evaluatesFormulasThatReferToFormulas() {
        Sheet sheet = parse(csvRequest("[{'name':'n'},{'name':'m'}]",
                "[[1,'=SUM(A2:A3)'],[2,'=SUM(B2, A3)'],[null,'=MAX(B2:B3)']]")).sheets().get(0);
        FormulaEvaluator evaluator = new FormulaEvaluator(sheet);
        assertEquals(new FormulaValue.Number(new BigDecimal("5")), evaluator.evaluate(2, 1));
    }

    @Test
    void averageOfNoNumbersIsDivisionByZeroAndPropagates() {
        Sheet sheet = parse(csvRequest("[{'name':'n'},{'name':'m'}]",
                "[['x','=AVERAGE(A2:A3)'],['y','=SUM(B2)'],[null,'=MIN(A2:A3)']]")).sheets().get(0);
        FormulaEvaluator evaluator = new FormulaEvaluator(sheet);
        assertEquals(FormulaValue.Error.DIV_ZERO, evaluator.evaluate(0, 1));
        assertEquals(FormulaValue.Error.DIV_ZERO, evaluator.evaluate(1, 1));
        assertEquals(new FormulaValue.Number(BigDecimal.ZERO), evaluator.evaluate(2, 1));
    }

    @Test
    void rejectsFunctionsOutsideTheSupportedSetBeforeWriting() {
        String message = failure(SheetErrors.INVALID_PARAMS, () -> evaluate("=VLOOKUP(A2,A2:C5,2)"));
        assertTrue(message.startsWith("sheets[0].rows[4][2]: cannot evaluate '=VLOOKUP(A2,A2:C5,2)'"), message);
    }

    @Test
    void rejectsArithmeticAndMalformedFormulas() {
        for (String formula : new String[]{"=B2+B3", "=SUM(B2:B3)*2", "=SUM()", "=SUM(B2:)", "=", "=SUM(Sheet2!A1)",
                "=SUM(A0)", "=SUM(XFE1)", "=SUM(B2;B3)"}) {
            failure(SheetErrors.INVALID_PARAMS, () -> evaluate(formula));
        }
    }

    @Test
    void rejectsCircularReferences() {
        Sheet sheet = parse(csvRequest("[{'name':'n'}]", "[['=SUM(A3)'],['=SUM(A2)']]")).sheets().get(0);
        String message = failure(SheetErrors.INVALID_PARAMS, () -> new FormulaEvaluator(sheet).evaluate(0, 0));
        assertTrue(message.contains("circular reference"), message);
    }
}
