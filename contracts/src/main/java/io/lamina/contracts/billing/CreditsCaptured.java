package io.lamina.contracts.billing;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/** A succeeded step was charged. {@code balance} is the balance after the charge. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditsCaptured(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
        String tenantId, String jobId, String stepId, long amount, long balance) implements BillingEvent {

    public static final String TYPE = "credits.captured";

    public static CreditsCaptured of(String tenantId, String jobId, String stepId, long amount, long balance) {
        return new CreditsCaptured(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, stepId, amount, balance);
    }
}
