package io.lamina.contracts.billing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;

/**
 * One record of {@code lamina.billing.events} (key: job id, or tenant id for grants), published by billing-service
 * through its outbox. Amounts are integer credits.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CreditsReserved.class, name = CreditsReserved.TYPE),
        @JsonSubTypes.Type(value = CreditsDenied.class, name = CreditsDenied.TYPE),
        @JsonSubTypes.Type(value = CreditsCaptured.class, name = CreditsCaptured.TYPE),
        @JsonSubTypes.Type(value = CreditsReleased.class, name = CreditsReleased.TYPE),
        @JsonSubTypes.Type(value = CreditsGranted.class, name = CreditsGranted.TYPE),
        @JsonSubTypes.Type(value = CreditsLow.class, name = CreditsLow.TYPE),
})
public sealed interface BillingEvent
        permits CreditsReserved, CreditsDenied, CreditsCaptured, CreditsReleased, CreditsGranted, CreditsLow {

    int VERSION = 1;

    String eventId();

    int version();

    Instant time();

    String tenantId();
}
