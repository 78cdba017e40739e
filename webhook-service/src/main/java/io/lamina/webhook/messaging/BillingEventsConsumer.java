package io.lamina.webhook.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.billing.BillingEvent;
import io.lamina.contracts.billing.CreditsLow;
import io.lamina.webhook.delivery.Dispatcher;
import io.lamina.webhook.service.MessageService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Transport for {@code lamina.billing.events}: only {@code credits.low} becomes a webhook; every other record is
 * skipped unparsed. A record that is not JSON, or a {@code credits.low} that breaks its contract, goes to
 * {@code lamina.billing.events.dlq}.
 */
@ApplicationScoped
public class BillingEventsConsumer {

    public static final String CHANNEL = "billing-events";
    private static final Logger LOG = Logger.getLogger(BillingEventsConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    MessageService messages;

    @Inject
    Dispatcher dispatcher;

    @Retry(maxRetries = 4, delay = 250, jitter = 100, abortOn = {JsonProcessingException.class, IllegalArgumentException.class})
    @Incoming(CHANNEL)
    @Blocking
    public void consume(String json) throws JsonProcessingException {
        JsonNode tree = mapper.readTree(json);
        if (!CreditsLow.TYPE.equals(tree.path("type").asText())) {
            return;
        }
        CreditsLow event = (CreditsLow) mapper.treeToValue(tree, BillingEvent.class);
        if (event.tenantId() == null || event.eventId() == null) {
            throw new IllegalArgumentException("credits.low without tenant_id or event_id");
        }
        MDC.put("tenantId", event.tenantId());
        try {
            messages.accept(event).ifPresent(id -> {
                LOG.infof("stored webhook message %s for credits.low", id);
                dispatcher.wake();
            });
        } finally {
            MDC.remove("tenantId");
        }
    }
}
