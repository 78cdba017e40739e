package io.lamina.contracts.ops;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * On {@code lamina.ops.progress}: how far a running attempt is ({@code done} of {@code total} {@code unit}s, e.g. 3 of
 * 12 pages). Informational: a lost or late record only makes the shown percentage lag.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepProgress(String type, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time, String tenantId,
                           String jobId, String stepId, int attempt, long done, long total, String unit) {

    public static final String TYPE = "step.progress";

    public static StepProgress of(String tenantId, String jobId, String stepId, int attempt, long done, long total,
                                  String unit) {
        return new StepProgress(TYPE, Instant.now(), tenantId, jobId, stepId, attempt, done, total, unit);
    }
}
