package io.lamina.webhook.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.billing.BillingEvent;
import io.lamina.contracts.billing.CreditsLow;
import io.lamina.webhook.delivery.Dispatcher;
import io.lamina.webhook.service.MessageService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Transport for {@code lamina.billing.events}: only {@code credits.low} becomes a webhook; every other record is
 * skipped without being built. A record that is not JSON, or a {@code credits.low} that breaks its contract, goes to
 * {@code lamina.billing.events.dlq}.
 */
@ApplicationScoped
public class BillingEventsConsumer {

    public static final String CHANNEL = "billing-events";
    private static final Logger LOG = Logger.getLogger(BillingEventsConsumer.class);
    static final int RETRIES = 4;
    static final long RETRY_DELAY_MS = 250;
    static final long JITTER_MS = 100;

    @Inject
    ObjectMapper mapper;

    @Inject
    MessageService messages;

    @Inject
    Dispatcher dispatcher;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String json) throws IOException {
        if (json == null) {
            throw new IllegalArgumentException("record without a value");
        }
        // Most billing records are not credits.low: their type is read without building them (EventTypes).
        if (!CreditsLow.TYPE.equals(EventTypes.typeOf(mapper.getFactory(), json))) {
            return;
        }
        CreditsLow event = (CreditsLow) mapper.treeToValue(mapper.readTree(json), BillingEvent.class);
        if (event.tenantId() == null || event.eventId() == null) {
            throw new IllegalArgumentException("credits.low without tenant_id or event_id");
        }
        store(event);
    }

    /**
     * A failed store (say the database is briefly away) is retried, each time in a new transaction, before the record
     * is dead-lettered (up to {@value #RETRIES} retries, {@value #RETRY_DELAY_MS} ms apart, ±{@value #JITTER_MS} ms).
     */
    private void store(CreditsLow event) {
        for (int attempt = 0; ; attempt++) {
            try {
                messages.accept(event).ifPresent(id -> {
                    LOG.infof("stored webhook message %s for credits.low of tenant %s", id, event.tenantId());
                    dispatcher.wake();
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= RETRIES) {
                    throw e;
                }
                LOG.warnf("storing credits.low %s failed (attempt %d), retrying: %s", event.eventId(), attempt + 1,
                        e.toString());
                try {
                    Thread.sleep(RETRY_DELAY_MS + ThreadLocalRandom.current().nextLong(-JITTER_MS, JITTER_MS + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
