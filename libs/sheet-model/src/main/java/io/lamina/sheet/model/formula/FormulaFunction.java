package io.lamina.sheet.model.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The functions evaluated for CSV and Markdown output, with Excel's rules: only numbers count (text, booleans and
 * empty cells in a range are skipped), MIN and MAX of no numbers are 0, AVERAGE of no numbers is {@code #DIV/0!}.
 */
enum FormulaFunction {
    SUM, AVERAGE, COUNT, MIN, MAX;

    /** Excel keeps 15 significant digits; a quotient is rounded to them so 1/3 shows as it would there. */
    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    static Optional<FormulaFunction> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equals(name.toUpperCase(Locale.ROOT))).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** @return the result, or {@link FormulaValue.Error#DIV_ZERO} */
    FormulaValue apply(List<BigDecimal> numbers) {
        return switch (this) {
            case SUM -> new FormulaValue.Number(sum(numbers));
            case COUNT -> new FormulaValue.Number(BigDecimal.valueOf(numbers.size()));
            case AVERAGE -> numbers.isEmpty()
                    ? FormulaValue.Error.DIV_ZERO
                    : new FormulaValue.Number(sum(numbers).divide(BigDecimal.valueOf(numbers.size()), EXCEL_PRECISION));
            case MIN -> new FormulaValue.Number(numbers.stream().min(BigDecimal::compareTo).orElse(BigDecimal.ZERO));
            case MAX -> new FormulaValue.Number(numbers.stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO));
        };
    }

    private static BigDecimal sum(List<BigDecimal> numbers) {
        return numbers.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
