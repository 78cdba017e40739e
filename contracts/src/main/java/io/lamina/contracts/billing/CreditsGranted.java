package io.lamina.contracts.billing;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/** Credits were added to a tenant's pool. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditsGranted(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
        String tenantId, String grantId, long amount, long balance) implements BillingEvent {

    public static final String TYPE = "credits.granted";

    public static CreditsGranted of(String tenantId, String grantId, long amount, long balance) {
        return new CreditsGranted(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, grantId, amount, balance);
    }
}
