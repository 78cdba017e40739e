package io.lamina.webhook.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.StepFailed;
import io.lamina.webhook.delivery.Dispatcher;
import io.lamina.webhook.service.MessageService;
import io.lamina.webhook.service.WebhookPayloads;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Transport for {@code lamina.jobs.events}, in batches: whatever one poll returned (at most {@code max.poll.records},
 * never waiting for more) is handled together, and the offsets are committed after this method returns, i.e. after the
 * batch's messages are stored.
 *
 * <ul>
 *   <li>Each record's {@code type} is read by a streaming pass ({@link EventTypes}) that builds nothing; records of
 *       other types, including ones this version does not know, are skipped. Only job-ended and step-failed records
 *       are parsed into their contract and turned into a webhook body.</li>
 *   <li>A record that is not JSON, or a record of those types that does not fit its contract (no {@code event_id},
 *       {@code tenant_id} or {@code time}, wrong field types), goes to {@code lamina.jobs.events.dlq} with the reason
 *       in its headers ({@link DeadLetters}); the rest of the batch goes on.</li>
 *   <li>The batch's events are stored by {@link MessageService#acceptAll}: one endpoint query for the batch, and one
 *       transaction only if some event has a destination. A failure (the database is briefly away) is retried with
 *       back-off ({@value #ATTEMPTS} attempts, {@value #FIRST_DELAY_MS} ms doubling up to {@value #MAX_DELAY_MS} ms);
 *       if the batch still fails, its events are stored one by one with as many attempts each, and an event that
 *       still cannot be stored is dead-lettered if the database answers (the event is at fault). If the database does
 *       not answer, or a dead letter cannot be sent, the method throws: nothing is acknowledged, the channel fails
 *       (health DOWN) and a restarted service resumes from the last committed offsets. Nothing is skipped
 *       silently.</li>
 * </ul>
 * Order: batches are handled one after the other, and the events of a batch are stored in record order.
 */
@ApplicationScoped
public class JobEventsConsumer {

    public static final String CHANNEL = "job-events";
    public static final String DEAD_LETTER_TOPIC = "lamina.jobs.events.dlq";
    static final Set<String> DELIVERED_TYPES = Set.of(JobCompleted.TYPE, JobFailed.TYPE, JobCancelled.TYPE,
            StepFailed.TYPE);
    static final int ATTEMPTS = 8;
    static final long FIRST_DELAY_MS = 100;
    static final long MAX_DELAY_MS = 5_000;
    private static final Logger LOG = Logger.getLogger(JobEventsConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    MessageService messages;

    @Inject
    Dispatcher dispatcher;

    @Inject
    DeadLetters deadLetters;

    private JsonFactory json;
    private WebhookPayloads payloads;

    @PostConstruct
    void init() {
        json = mapper.getFactory();
        payloads = new WebhookPayloads(mapper);
    }

    /** A record that needs a webhook, with its body. */
    private record Event(ConsumerRecord<String, String> record, WebhookPayloads.Payload payload) {
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<Event> events = new ArrayList<>();
        List<DeadLetters.DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                WebhookPayloads.Payload payload = payloadOf(record.value());
                if (payload != null) {
                    events.add(new Event(record, payload));
                }
            } catch (IOException | RuntimeException e) {
                dead.add(new DeadLetters.DeadLetter(record, e));
            }
        }
        if (!events.isEmpty()) {
            store(events, dead);
        }
        if (!dead.isEmpty()) {
            deadLetters.send(DEAD_LETTER_TOPIC, dead);
        }
    }

    /**
     * The webhook body a record calls for, or null for a record of a type that gets none.
     *
     * @throws IOException              the record is not JSON, or does not fit its type's contract
     * @throws IllegalArgumentException the record lacks what a webhook needs
     */
    WebhookPayloads.Payload payloadOf(String value) throws IOException {
        if (value == null) {
            throw new IllegalArgumentException("record without a value");
        }
        String type = EventTypes.typeOf(json, value);
        if (type == null || !DELIVERED_TYPES.contains(type)) {
            return null;
        }
        // Only job-ended and step-failed records get here: parsed as the tree, then the contract, as always.
        JobEvent event = mapper.treeToValue(mapper.readTree(value), JobEvent.class);
        if (event.eventId() == null || event.eventId().isBlank() || event.tenantId() == null || event.time() == null) {
            throw new IllegalArgumentException(event.getClass().getSimpleName()
                    + " without event_id, tenant_id or time");
        }
        return payloads.of(event).orElseThrow();
    }

    private void store(List<Event> events, List<DeadLetters.DeadLetter> dead) {
        List<WebhookPayloads.Payload> batch = events.stream().map(Event::payload).toList();
        RuntimeException failure = attempt("a batch of " + batch.size() + " job events", batch);
        if (failure == null) {
            return;
        }
        LOG.warnf("storing a batch of %d job events keeps failing; storing them one by one", batch.size());
        for (Event e : events) {
            RuntimeException f = attempt("job event " + e.payload().eventId(), List.of(e.payload()));
            if (f != null) {
                if (!messages.databaseAnswers()) {
                    // Not this event's fault: the database is away. Nothing is acknowledged; the channel fails and a
                    // restarted service resumes from the committed offsets.
                    throw new IllegalStateException("the database does not answer; job events are not acknowledged", f);
                }
                dead.add(new DeadLetters.DeadLetter(e.record(), f));
            }
        }
    }

    /** Stores the events, retrying with back-off; null once stored, else the last failure. */
    private RuntimeException attempt(String what, List<WebhookPayloads.Payload> batch) {
        long delay = FIRST_DELAY_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                report(messages.acceptAll(batch));
                return null;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    LOG.errorf("storing %s failed %d times, last: %s", what, attempt, e.toString());
                    return e;
                }
                LOG.warnf("storing %s failed (attempt %d of %d, again in %d ms): %s", what, attempt, ATTEMPTS, delay,
                        e.toString());
                sleep(delay);
                delay = Math.min(2 * delay, MAX_DELAY_MS);
            }
        }
    }

    private void report(List<MessageService.Stored> stored) {
        if (stored.isEmpty()) {
            return;
        }
        for (MessageService.Stored s : stored) {
            LOG.infof("stored webhook message %s for %s of job %s (tenant %s), %d deliveries", s.messageId(),
                    s.eventType(), s.jobId(), s.tenantId(), s.deliveries());
        }
        dispatcher.wake();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying to store job events", e);
        }
    }
}
