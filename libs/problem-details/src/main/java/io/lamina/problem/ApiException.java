package io.lamina.problem;

/** A request a service refuses, with the HTTP status and stable code the caller sees as problem+json. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private Long retryAfterSeconds;

    public ApiException(int status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, "Bad request", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Unauthorized", detail);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", "Not found", what + " does not exist");
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, "Conflict", detail);
    }

    public static ApiException tooLarge(String code, String detail) {
        return new ApiException(413, code, "Content too large", detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(422, code, "Unprocessable request", detail);
    }

    /** 429: the caller should come back after {@code retryAfterSeconds} (sent as {@code Retry-After}). */
    public static ApiException tooManyRequests(String code, String detail, long retryAfterSeconds) {
        ApiException e = new ApiException(429, code, "Too many requests", detail);
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    /** Seconds for a {@code Retry-After} header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem() {
        return Problem.of(status, code, title, getMessage());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
