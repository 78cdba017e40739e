package io.lamina.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Why a step or a job failed. {@code code} is stable and machine-readable (e.g. {@code operation_not_supported},
 * {@code insufficient_credits}); {@code message} is for a human; {@code retryable} says whether another attempt may
 * succeed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorInfo(String code, String message, boolean retryable) {

    public static ErrorInfo permanent(String code, String message) {
        return new ErrorInfo(code, message, false);
    }

    public static ErrorInfo temporary(String code, String message) {
        return new ErrorInfo(code, message, true);
    }
}
