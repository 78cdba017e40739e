package io.lamina.sheet;

import io.lamina.contracts.ErrorInfo;
import io.lamina.ops.runtime.OperationException;

/** The stable error codes of {@code sheet_generation}; every message starts with the path of the offending value. */
public final class SheetErrors {

    public static final String INVALID_PARAMS = "invalid_params";
    public static final String LIMIT_EXCEEDED = "limit_exceeded";
    public static final String UNSUPPORTED_FORMULA = "unsupported_formula";
    public static final String UNSUPPORTED_FORMAT = "unsupported_format";

    private SheetErrors() {
    }

    public static OperationException invalid(String path, String message) {
        return fail(INVALID_PARAMS, path, message);
    }

    public static OperationException limit(String path, String message) {
        return fail(LIMIT_EXCEEDED, path, message);
    }

    public static OperationException formula(String path, String message) {
        return fail(UNSUPPORTED_FORMULA, path, message);
    }

    private static OperationException fail(String code, String path, String message) {
        return new OperationException(ErrorInfo.permanent(code, path + ": " + message));
    }
}
