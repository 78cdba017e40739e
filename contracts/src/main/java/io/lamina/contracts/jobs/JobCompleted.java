package io.lamina.contracts.jobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every step succeeded. Billing releases what was reserved and not captured. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobCompleted(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
                           String tenantId, String jobId, List<StepSummary> steps, String webhookUrl)
        implements JobEvent {

    public static final String TYPE = "job.completed";

    public static JobCompleted of(String tenantId, String jobId, List<StepSummary> steps, String webhookUrl) {
        return new JobCompleted(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId,
                List.copyOf(steps), webhookUrl);
    }
}
