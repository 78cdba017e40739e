package io.lamina.extraction;

import io.lamina.contracts.ErrorInfo;
import io.lamina.ops.runtime.OperationException;

/** The stable error codes of the extraction operations. */
public final class ExtractionErrors {

    public static final String INVALID_PARAMS = "invalid_params";
    public static final String UNSUPPORTED_INPUT = "unsupported_input";
    public static final String UNSUPPORTED_FORMAT = "unsupported_format";
    public static final String LIMIT_EXCEEDED = "limit_exceeded";
    public static final String INPUT_MISSING = "input_missing";

    private ExtractionErrors() {
    }

    public static OperationException fail(String code, String message) {
        return new OperationException(ErrorInfo.permanent(code, message));
    }
}
