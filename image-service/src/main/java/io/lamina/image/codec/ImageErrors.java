package io.lamina.image.codec;

import io.lamina.contracts.ErrorInfo;
import io.lamina.ops.runtime.OperationException;

/** The stable error codes of image-service, each a permanent failure with a message a person can act on. */
public final class ImageErrors {

    public static final String UNSUPPORTED_FORMAT = "unsupported_format";
    public static final String MALFORMED_IMAGE = "malformed_image";
    public static final String LIMIT_EXCEEDED = "limit_exceeded";
    public static final String UNSUPPORTED_IMAGE = "unsupported_image";
    public static final String UNSUPPORTED_INPUT = "unsupported_input";
    public static final String INPUT_MISSING = "input_missing";
    public static final String INVALID_PARAMS = "invalid_params";

    private ImageErrors() {
    }

    public static OperationException fail(String code, String message) {
        return new OperationException(ErrorInfo.permanent(code, message));
    }

    public static OperationException busy(String message) {
        return new OperationException(ErrorInfo.temporary("resources_busy", message));
    }
}
