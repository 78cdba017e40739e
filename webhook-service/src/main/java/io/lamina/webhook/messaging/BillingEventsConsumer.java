package io.lamina.webhook.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.billing.BillingEvent;
import io.lamina.contracts.billing.CreditsLow;
import io.lamina.webhook.delivery.Dispatcher;
import io.lamina.webhook.service.MessageService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Transport for {@code lamina.billing.events}, in batches (whatever one poll returned; offsets committed after this
 * method returns): only {@code credits.low} becomes a webhook; every other record's type is read without building it
 * ({@link EventTypes}) and skipped. A record that is not JSON, or a {@code credits.low} that breaks its contract, goes
 * to {@code lamina.billing.events.dlq} ({@link DeadLetters}). A {@code credits.low} whose store fails is retried
 * ({@value #RETRIES} retries, {@value #RETRY_DELAY_MS} ms apart, ±{@value #JITTER_MS} ms, each in a new transaction),
 * then dead-lettered if the database answers; if it does not, or a dead letter cannot be sent, the method throws and
 * nothing is acknowledged (the channel fails, a restarted service resumes from the committed offsets).
 */
@ApplicationScoped
public class BillingEventsConsumer {

    public static final String CHANNEL = "billing-events";
    public static final String DEAD_LETTER_TOPIC = "lamina.billing.events.dlq";
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

    @Inject
    DeadLetters deadLetters;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<DeadLetters.DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            CreditsLow event;
            try {
                event = creditsLowOf(record.value());
            } catch (IOException | RuntimeException e) {
                dead.add(new DeadLetters.DeadLetter(record, e));
                continue;
            }
            if (event == null) {
                continue;
            }
            RuntimeException failure = store(event);
            if (failure != null) {
                if (!messages.databaseAnswers()) {
                    throw new IllegalStateException("the database does not answer; billing events are not acknowledged",
                            failure);
                }
                dead.add(new DeadLetters.DeadLetter(record, failure));
            }
        }
        if (!dead.isEmpty()) {
            deadLetters.send(DEAD_LETTER_TOPIC, dead);
        }
    }

    /**
     * The record's {@code credits.low}, or null for another type.
     *
     * @throws IOException              the record is not JSON, or does not fit the contract
     * @throws IllegalArgumentException the record lacks what a webhook needs
     */
    CreditsLow creditsLowOf(String json) throws IOException {
        if (json == null) {
            throw new IllegalArgumentException("record without a value");
        }
        // Most billing records are not credits.low: their type is read without building them.
        if (!CreditsLow.TYPE.equals(EventTypes.typeOf(mapper.getFactory(), json))) {
            return null;
        }
        CreditsLow event = (CreditsLow) mapper.treeToValue(mapper.readTree(json), BillingEvent.class);
        if (event.tenantId() == null || event.eventId() == null) {
            throw new IllegalArgumentException("credits.low without tenant_id or event_id");
        }
        return event;
    }

    /** Stores the event, retrying; null once stored, else the last failure. */
    private RuntimeException store(CreditsLow event) {
        for (int attempt = 0; ; attempt++) {
            try {
                messages.accept(event).ifPresent(id -> {
                    LOG.infof("stored webhook message %s for credits.low of tenant %s", id, event.tenantId());
                    dispatcher.wake();
                });
                return null;
            } catch (RuntimeException e) {
                if (attempt >= RETRIES) {
                    LOG.errorf("storing credits.low %s failed %d times, last: %s", event.eventId(), attempt + 1,
                            e.toString());
                    return e;
                }
                LOG.warnf("storing credits.low %s failed (attempt %d), retrying: %s", event.eventId(), attempt + 1,
                        e.toString());
                try {
                    Thread.sleep(RETRY_DELAY_MS + ThreadLocalRandom.current().nextLong(-JITTER_MS, JITTER_MS + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while retrying credits.low", e);
                }
            }
        }
    }
}
