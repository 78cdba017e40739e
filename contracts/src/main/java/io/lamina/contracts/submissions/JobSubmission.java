package io.lamina.contracts.submissions;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * A job submitted by an internal integrator on {@code lamina.jobs.submissions} (key: submission id). {@code job} is
 * the same document as the body of {@code POST /v1/jobs}; {@code submission_id} is chosen by the integrator and makes
 * the submission idempotent (a redelivered or repeated submission creates one job).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSubmission(String submissionId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
                            String tenantId, JsonNode job) {

    public static final int VERSION = 1;
}
