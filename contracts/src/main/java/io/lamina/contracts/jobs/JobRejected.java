package io.lamina.contracts.jobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.contracts.ErrorInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * A submission from {@code lamina.jobs.submissions} was refused; {@code error} has the same code and message a REST
 * call would have got. No job exists, so {@code job_id} is absent; {@code submission_id} names the submission.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRejected(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
                          String tenantId, String jobId, String submissionId, ErrorInfo error)
        implements JobEvent {

    public static final String TYPE = "job.rejected";

    public static JobRejected of(String tenantId, String submissionId, ErrorInfo error) {
        return new JobRejected(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, null, submissionId,
                error);
    }
}
