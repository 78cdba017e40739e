package io.lamina.contracts.billing;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/** What was held for an ended job and not captured returned to the available balance. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditsReleased(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
        String tenantId, String jobId, long amount) implements BillingEvent {

    public static final String TYPE = "credits.released";

    public static CreditsReleased of(String tenantId, String jobId, long amount) {
        return new CreditsReleased(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, amount);
    }
}
