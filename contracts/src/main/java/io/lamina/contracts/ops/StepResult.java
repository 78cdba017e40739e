package io.lamina.contracts.ops;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.Usage;

import java.time.Instant;
import java.util.UUID;

/**
 * The outcome of one step attempt, published by an operation service on {@code lamina.ops.results} (key: job id).
 * {@code status} is {@code succeeded} (with {@code output} and {@code usage}) or {@code failed} (with {@code error}).
 * Binary outputs appear inside {@code output} as {@code BlobRef}s.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepResult(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
                         String tenantId, String jobId, String stepId, String operation, int attempt, String status,
                         JsonNode output, Usage usage, ErrorInfo error, Long runMillis) {

    public static final int VERSION = 1;
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public static StepResult succeeded(String tenantId, String jobId, String stepId, String operation, int attempt,
                                       JsonNode output, Usage usage) {
        return new StepResult(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, stepId, operation,
                attempt, SUCCEEDED, output, usage, null, null);
    }

    public static StepResult failed(String tenantId, String jobId, String stepId, String operation, int attempt,
                                    ErrorInfo error) {
        return new StepResult(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, stepId, operation,
                attempt, FAILED, null, null, error, null);
    }

    /** The same result with how long the operation itself ran (milliseconds, without queueing and Kafka). */
    public StepResult withRunMillis(long millis) {
        return new StepResult(eventId, version, time, tenantId, jobId, stepId, operation, attempt, status, output,
                usage, error, millis);
    }

    @JsonIgnore
    public boolean isSuccess() {
        return SUCCEEDED.equals(status);
    }
}
