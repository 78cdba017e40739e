package io.lamina.contracts.billing;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/** A submitted job needs more credits than are available; the job fails with {@code insufficient_credits}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditsDenied(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
        String tenantId, String jobId, long required, long available) implements BillingEvent {

    public static final String TYPE = "credits.denied";

    public static CreditsDenied of(String tenantId, String jobId, long required, long available) {
        return new CreditsDenied(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, required, available);
    }
}
