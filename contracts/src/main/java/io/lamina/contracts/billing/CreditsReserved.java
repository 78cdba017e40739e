package io.lamina.contracts.billing;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/** Credits for a submitted job are held; the gateway may dispatch its steps. {@code available} is what is left after the hold. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditsReserved(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
        String tenantId, String jobId, long amount, long available) implements BillingEvent {

    public static final String TYPE = "credits.reserved";

    public static CreditsReserved of(String tenantId, String jobId, long amount, long available) {
        return new CreditsReserved(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, amount, available);
    }
}
