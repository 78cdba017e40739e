package io.lamina.billing.messaging;

import io.lamina.billing.config.BillingConfig;
import io.lamina.billing.service.BatchLedger.OutboxLine;
import io.lamina.billing.service.JobEventBatch;
import io.lamina.contracts.jobs.JobEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Transport for {@code lamina.jobs.events}, in batches: whatever one poll returned (at most {@code max.poll.records};
 * a batch never waits to fill) is parsed and applied by {@link JobEventBatch} in one transaction. Records that cannot
 * be parsed are queued for {@code lamina.jobs.events.dlq} through the outbox, in that same transaction. The offsets are
 * committed after this method returns, i.e. after the commit.
 *
 * <p>A batch whose transaction fails is tried again ({@code lamina.billing.batch-retries}, backing off), then its
 * events are applied one per transaction with as many tries, so one event that cannot be applied holds back no other;
 * such an event is dead-lettered (its id stays out of the inbox, so a replay tries it again). If even that cannot be
 * written (the database is gone), the method throws and the channel fails (health DOWN): nothing is acknowledged, and
 * the restarted service resumes from the last committed offsets.
 */
@ApplicationScoped
public class JobEventsConsumer {

    public static final String CHANNEL = "job-events";
    public static final String DEAD_LETTER_TOPIC = "lamina.jobs.events.dlq";
    private static final Logger LOG = Logger.getLogger(JobEventsConsumer.class);

    private final JobEventParser parser;
    private final JobEventBatch batch;
    private final int retries;
    private final long retryDelayMillis;

    public JobEventsConsumer(JobEventParser parser, JobEventBatch batch, BillingConfig config) {
        this.parser = parser;
        this.batch = batch;
        this.retries = Math.max(0, config.batchRetries());
        this.retryDelayMillis = Math.max(0, config.batchRetryDelayMillis());
    }

    /** A parsed record, with what is needed to dead-letter it. */
    private record Parsed(JobEvent event, String key, String payload) {
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<Parsed> parsed = new ArrayList<>(records.count());
        List<OutboxLine> deadLetters = new ArrayList<>();
        java.util.Map<String, String> traceparents = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                Optional<JobEvent> event = parser.parse(record.value());
                if (event.isPresent()) {
                    parsed.add(new Parsed(event.get(), record.key(), record.value()));
                    org.apache.kafka.common.header.Header trace = record.headers().lastHeader("traceparent");
                    if (trace != null) {
                        traceparents.put(event.get().eventId(),
                                new String(trace.value(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                } else {
                    LOG.debug("skipping a job event of a type billing does not handle");
                }
            } catch (IllegalArgumentException e) {
                LOG.warnf("dead-lettering record %s-%d@%d of %s: %s", record.topic(), record.partition(),
                        record.offset(), record.key(), e.getMessage());
                deadLetters.add(new OutboxLine(DEAD_LETTER_TOPIC, record.key(), record.value()));
            }
        }
        if (parsed.isEmpty() && deadLetters.isEmpty()) {
            return;
        }
        List<JobEvent> events = parsed.stream().map(Parsed::event).toList();
        if (tried("a batch of " + events.size() + " job events", () -> batch.apply(events, deadLetters, traceparents))) {
            return;
        }
        LOG.warnf("the batch of %d job events keeps failing; applying its events one by one", events.size());
        if (!deadLetters.isEmpty()) {
            batch.apply(List.of(), deadLetters);  // throws if even that fails: nothing is acknowledged
        }
        for (Parsed p : parsed) {
            if (!tried("job event " + p.event().eventId(), () -> batch.apply(List.of(p.event()), List.of(), traceparents))) {
                LOG.errorf("dead-lettering job event %s (%s of job %s, tenant %s): it could not be applied",
                        p.event().eventId(), p.event().getClass().getSimpleName(), p.event().jobId(),
                        p.event().tenantId());
                batch.apply(List.of(), List.of(new OutboxLine(DEAD_LETTER_TOPIC, p.key(), p.payload())));
            }
        }
    }

    /** Runs {@code work} up to 1 + retries times, backing off; true once it succeeded. */
    private boolean tried(String what, Supplier<JobEventBatch.Result> work) {
        long delay = retryDelayMillis;
        for (int attempt = 0; ; attempt++) {
            try {
                JobEventBatch.Result result = work.get();
                LOG.debugf("%s: %d applied, %d redeliveries skipped, %d ledger lines", what, result.applied(),
                        result.redelivered(), result.ledgerLines());
                return true;
            } catch (RuntimeException e) {
                if (attempt >= retries) {
                    LOG.warnf("%s failed %d times, last: %s", what, attempt + 1, e.toString());
                    return false;
                }
                LOG.warnf("%s failed (attempt %d, retrying in %d ms): %s", what, attempt + 1, delay, e.toString());
                sleep(delay);
                delay *= 2;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch", e);
        }
    }
}
