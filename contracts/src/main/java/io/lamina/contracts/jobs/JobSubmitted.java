package io.lamina.contracts.jobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A job was accepted: billing reserves credits for {@code steps} and answers on {@code lamina.billing.events}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSubmitted(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
                           String tenantId, String jobId, List<StepEstimate> steps, String webhookUrl,
                           String submissionId, String apiKeyId)
        implements JobEvent {

    public static final String TYPE = "job.submitted";

    /**
     * {@code submissionId} is set for jobs that came through {@code lamina.jobs.submissions}; {@code apiKeyId} for jobs
     * submitted over REST (the key's id, never the key), so that billing can keep per-key budgets.
     */
    public static JobSubmitted of(String tenantId, String jobId, List<StepEstimate> steps, String webhookUrl,
                                  String submissionId, String apiKeyId) {
        return new JobSubmitted(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, List.copyOf(steps),
                webhookUrl, submissionId, apiKeyId);
    }
}
