package io.lamina.sheet;

import io.lamina.contracts.ErrorInfo;
import io.lamina.ops.runtime.OperationException;
import io.lamina.params.ParamsProblem;
import io.lamina.sheet.model.SheetException;
import io.lamina.sheet.model.SheetRequestParser;

import java.util.stream.Collectors;

/** The stable error codes of {@code sheet_generation}; every message starts with the path of the offending value. */
public final class SheetErrors {

    public static final String INVALID_PARAMS = SheetException.INVALID_PARAMS;
    public static final String LIMIT_EXCEEDED = SheetException.LIMIT_EXCEEDED;
    public static final String UNSUPPORTED_FORMULA = SheetException.UNSUPPORTED_FORMULA;

    private SheetErrors() {
    }

    public static OperationException invalid(String path, String message) {
        return fail(INVALID_PARAMS, path.isEmpty() ? message : path + ": " + message);
    }

    /** The validator's problems as one permanent failure: {@code limit_exceeded} if a limit was hit, else invalid. */
    public static OperationException of(SheetRequestParser.Parsed parsed) {
        String message = parsed.problems().stream().map(p -> p.describe("")).collect(Collectors.joining("; "));
        return fail(parsed.limitExceeded() ? LIMIT_EXCEEDED : INVALID_PARAMS, message);
    }

    public static OperationException of(SheetException e) {
        return fail(e.code(), e.getMessage());
    }

    public static OperationException of(ParamsProblem problem) {
        return fail(INVALID_PARAMS, problem.describe(""));
    }

    private static OperationException fail(String code, String message) {
        return new OperationException(ErrorInfo.permanent(code, message));
    }
}
