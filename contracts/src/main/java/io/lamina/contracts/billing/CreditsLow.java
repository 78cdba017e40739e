package io.lamina.contracts.billing;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's available balance fell below a configured {@code threshold} (once per crossing: it is announced again
 * only after the balance has risen above the threshold). Webhook-service delivers it as {@code credits.low}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditsLow(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
        String tenantId, long balance, long threshold) implements BillingEvent {

    public static final String TYPE = "credits.low";

    public static CreditsLow of(String tenantId, long balance, long threshold) {
        return new CreditsLow(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, balance, threshold);
    }
}
