package io.lamina.ops.runtime;

import io.lamina.contracts.ErrorInfo;

/** Thrown from deep inside an operation to fail the attempt with a stable code. */
public class OperationException extends RuntimeException {

    private final transient ErrorInfo error;

    public OperationException(ErrorInfo error) {
        super(error.message());
        this.error = error;
    }

    public static OperationException invalid(String message) {
        return new OperationException(ErrorInfo.permanent("invalid_params", message));
    }

    public ErrorInfo error() {
        return error;
    }
}
