package io.lamina.contracts.jobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.contracts.Usage;

import java.time.Instant;
import java.util.UUID;

/** A step finished with an output; billing captures {@code usage}. Published once per step. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepSucceeded(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
                            String tenantId, String jobId, String stepId, String operation, int attempt, Usage usage,
                            JsonNode output)
        implements JobEvent {

    public static final String TYPE = "step.succeeded";

    public static StepSucceeded of(String tenantId, String jobId, String stepId, String operation, int attempt,
                                   Usage usage, JsonNode output) {
        return new StepSucceeded(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, stepId,
                operation, attempt, usage, output);
    }
}
