package io.lamina.sheet.model;

/**
 * A request problem found only while the sheet is written (a circular formula, a formula deeper than allowed):
 * {@code code} is the stable error code, {@code path} the offending value ({@code sheets[0].rows[3][2]}).
 */
public final class SheetException extends RuntimeException {

    public static final String INVALID_PARAMS = "invalid_params";
    public static final String LIMIT_EXCEEDED = "limit_exceeded";
    public static final String UNSUPPORTED_FORMULA = "unsupported_formula";

    private final String code;

    public SheetException(String code, String path, String message) {
        super(path.isEmpty() ? message : path + ": " + message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
