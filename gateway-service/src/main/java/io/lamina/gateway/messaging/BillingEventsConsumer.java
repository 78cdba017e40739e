package io.lamina.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.billing.BillingEvent;
import io.lamina.contracts.billing.CreditsDenied;
import io.lamina.contracts.billing.CreditsReserved;
import io.lamina.gateway.service.JobCoordinator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.MDC;

/** Billing decisions on {@code lamina.billing.events}: a reservation starts a job, a denial fails it. */
@ApplicationScoped
public class BillingEventsConsumer {

    private final ObjectMapper mapper;

    @Inject
    JobCoordinator coordinator;

    @Inject
    public BillingEventsConsumer(ObjectMapper mapper) {
        // Billing may add event types; the ones the gateway does not act on are skipped, not dead-lettered.
        this.mapper = mapper.copy().disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
    }


    /**
     * A failed handling (say the database is briefly away) is retried, each time in a new transaction, before the
     * record is dead-lettered; a record that cannot be parsed is dead-lettered at once.
     */
    @Retry(maxRetries = 4, delay = 250, jitter = 100, abortOn = JsonProcessingException.class)
    @Incoming("billing-events")
    @Blocking(value = "coordinator-workers", ordered = false)
    public void consume(String json) throws Exception {
        BillingEvent event = mapper.readValue(json, BillingEvent.class);
        if (event == null) {
            return;
        }
        MDC.put("tenantId", event.tenantId());
        try {
            if (event instanceof CreditsReserved reserved) {
                MDC.put("jobId", reserved.jobId());
                coordinator.onCreditsReserved(reserved);
            } else if (event instanceof CreditsDenied denied) {
                MDC.put("jobId", denied.jobId());
                coordinator.onCreditsDenied(denied);
            }
        } finally {
            MDC.remove("tenantId");
            MDC.remove("jobId");
        }
    }
}
