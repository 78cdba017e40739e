package io.lamina.contracts.jobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.contracts.ErrorInfo;

import java.time.Instant;
import java.util.UUID;

/** A step failed for good (no attempt left, or a permanent error). Nothing is charged for it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepFailed(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
                         String tenantId, String jobId, String stepId, String operation, int attempt, ErrorInfo error)
        implements JobEvent {

    public static final String TYPE = "step.failed";

    public static StepFailed of(String tenantId, String jobId, String stepId, String operation, int attempt,
                                ErrorInfo error) {
        return new StepFailed(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, stepId, operation,
                attempt, error);
    }
}
