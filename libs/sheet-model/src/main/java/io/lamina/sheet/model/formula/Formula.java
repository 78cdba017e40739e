package io.lamina.sheet.model.formula;

import io.lamina.sheet.model.SheetException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed formula: one function over one or more references, such as {@code =SUM(B2:B10, D2)}. */
public record Formula(FormulaFunction function, List<CellRange> arguments) {

    private static final Pattern CALL = Pattern.compile("=\\s*([A-Za-z]+)\\s*\\((.*)\\)\\s*", Pattern.DOTALL);

    /** @throws SheetException {@code unsupported_formula} naming {@code path} */
    public static Formula parse(String text, String path) {
        Matcher m = CALL.matcher(text);
        if (!m.matches()) {
            throw unsupported(text, path);
        }
        FormulaFunction function = FormulaFunction.byName(m.group(1)).orElseThrow(() -> unsupported(text, path));
        List<CellRange> arguments = new ArrayList<>();
        for (String argument : m.group(2).split(",", -1)) {
            arguments.add(CellRange.parse(argument).orElseThrow(() -> unsupported(text, path)));
        }
        return new Formula(function, List.copyOf(arguments));
    }

    private static SheetException unsupported(String text, String path) {
        return new SheetException(SheetException.UNSUPPORTED_FORMULA, path, "cannot evaluate '" + abbreviate(text) + "': CSV and Markdown output "
                + "evaluate " + FormulaFunction.names() + " over A1-style cell references and ranges of the same "
                + "sheet, e.g. =SUM(B2:B10)");
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
