package io.lamina.contracts.jobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * Run one attempt of a step, on the operation's command topic ({@code lamina.ops.<service>.commands}, key: job id).
 * {@code params} is the operation's request body with every file input rewritten to a {@code BlobRef}; when it is
 * larger than the gateway's inline limit it is stored in the blob store instead and {@code params_blob_id} names it
 * ({@code params} is then absent). A result must echo {@code attempt}: results of superseded attempts are ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepCommand(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
                          String tenantId, String jobId, String stepId, String operation, int attempt, JsonNode params,
                          String paramsBlobId) {

    public static final int VERSION = 1;

    public static StepCommand of(String tenantId, String jobId, String stepId, String operation, int attempt,
                                 JsonNode params, String paramsBlobId) {
        return new StepCommand(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, stepId, operation,
                attempt, params, paramsBlobId);
    }
}
