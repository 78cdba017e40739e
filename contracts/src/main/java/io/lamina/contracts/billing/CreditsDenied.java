package io.lamina.contracts.billing;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * A submitted job was refused; the job fails with {@code code}: {@code insufficient_credits} (the tenant's available
 * balance is short of {@code required}) or {@code budget_exceeded} (the API key's budget for the period has only
 * {@code available} left). A record without {@code code} (older producers) means {@code insufficient_credits}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditsDenied(String eventId, int version, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant time,
        String tenantId, String jobId, long required, long available, String code) implements BillingEvent {

    public static final String TYPE = "credits.denied";
    public static final String INSUFFICIENT_CREDITS = "insufficient_credits";
    public static final String BUDGET_EXCEEDED = "budget_exceeded";

    /** The record as it was before {@code code} existed: a denial for insufficient credits. */
    public CreditsDenied(String eventId, int version, Instant time, String tenantId, String jobId, long required,
                         long available) {
        this(eventId, version, time, tenantId, jobId, required, available, INSUFFICIENT_CREDITS);
    }

    public static CreditsDenied of(String tenantId, String jobId, long required, long available) {
        return of(tenantId, jobId, required, available, INSUFFICIENT_CREDITS);
    }

    public static CreditsDenied of(String tenantId, String jobId, long required, long available, String code) {
        return new CreditsDenied(UUID.randomUUID().toString(), VERSION, Instant.now(), tenantId, jobId, required,
                available, code);
    }

    /** The job's error code; {@code insufficient_credits} when an older producer left {@code code} out. */
    public String errorCode() {
        return code == null || code.isBlank() ? INSUFFICIENT_CREDITS : code;
    }
}
