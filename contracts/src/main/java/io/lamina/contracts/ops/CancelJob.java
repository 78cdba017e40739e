package io.lamina.contracts.ops;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * On {@code lamina.ops.control}: the job ended ({@code reason}: cancelled or failed); operation services skip its
 * queued commands and interrupt its running steps where they can. Best effort: results that still arrive are ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelJob(String type, String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
                        String tenantId, String jobId, String reason) {

    public static final String TYPE = "job.cancel";
    public static final int VERSION = 1;

    public static CancelJob of(String tenantId, String jobId, String reason) {
        return new CancelJob(TYPE, UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, reason);
    }
}
