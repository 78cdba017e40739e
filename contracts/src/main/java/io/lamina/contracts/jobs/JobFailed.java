package io.lamina.contracts.jobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.contracts.ErrorInfo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The job ended because a step failed or credits were denied; {@code error} says why. Billing releases the reservation. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobFailed(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
                           String tenantId, String jobId, ErrorInfo error, List<StepSummary> steps, String webhookUrl)
        implements JobEvent {

    public static final String TYPE = "job.failed";

    public static JobFailed of(String tenantId, String jobId, ErrorInfo error, List<StepSummary> steps, String webhookUrl) {
        return new JobFailed(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, error,
                List.copyOf(steps), webhookUrl);
    }
}
