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
    public static final String MALFORMED_DOCUMENT = "malformed_document";
    public static final String ENCRYPTED_DOCUMENT = "encrypted_document";
    public static final String OCR_UNAVAILABLE = "ocr_unavailable";
    public static final String FETCH_FAILED = "fetch_failed";
    public static final String FETCH_BLOCKED = "fetch_blocked";
    public static final String ROBOTS_DISALLOWED = "robots_disallowed";

    private ExtractionErrors() {
    }

    public static OperationException fail(String code, String message) {
        return new OperationException(ErrorInfo.permanent(code, message));
    }

    /** A failure worth retrying (a website that timed out or answered 5xx). */
    public static OperationException retry(String code, String message) {
        return new OperationException(ErrorInfo.temporary(code, message));
    }
}
