package io.lamina.webhook.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends consumed records that cannot be handled to a dead-letter topic ({@code lamina.jobs.events.dlq},
 * {@code lamina.billing.events.dlq}) through the {@code dead-letters} channel, with the headers
 * SmallRye's dead-letter strategy writes (so the gateway's {@code /admin/dead-letters} lists and replays them the same
 * way): {@code dead-letter-reason}, {@code dead-letter-exception-class-name}, {@code dead-letter-cause} and
 * {@code dead-letter-cause-class-name} (when there is a cause), {@code dead-letter-topic}, {@code dead-letter-partition},
 * {@code dead-letter-offset}, plus the record's own headers. Same key and value as the record.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CHANNEL = "dead-letters";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    /** Room for a whole poll's records (max.poll.records, 500), which are sent before waiting for any. */
    @Inject
    @Channel(CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<String> emitter;

    /** A record and why it cannot be handled. */
    public record DeadLetter(ConsumerRecord<String, String> record, Throwable reason) {
    }

    /**
     * Sends the dead letters and waits until Kafka has them all.
     *
     * @throws IllegalStateException when one could not be sent within 30 s; the caller must not acknowledge the
     *                               records then
     */
    public void send(String topic, List<DeadLetter> letters) {
        List<CompletableFuture<Void>> sent = new ArrayList<>(letters.size());
        for (DeadLetter letter : letters) {
            ConsumerRecord<String, String> r = letter.record();
            LOG.warnf("dead-lettering record %s-%d@%d (key %s): %s", r.topic(), r.partition(), r.offset(), r.key(),
                    letter.reason().toString());
            RecordHeaders headers = new RecordHeaders();
            header(headers, "dead-letter-exception-class-name", letter.reason().getClass().getName());
            header(headers, "dead-letter-reason", message(letter.reason()));
            if (letter.reason().getCause() != null) {
                header(headers, "dead-letter-cause-class-name", letter.reason().getCause().getClass().getName());
                header(headers, "dead-letter-cause", message(letter.reason().getCause()));
            }
            header(headers, "dead-letter-topic", r.topic());
            header(headers, "dead-letter-partition", Integer.toString(r.partition()));
            header(headers, "dead-letter-offset", Long.toString(r.offset()));
            for (Header h : r.headers()) {
                headers.add(h);
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            emitter.send(Message.of(r.value())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(r.key())
                            .withHeaders(headers)
                            .build())
                    .withAck(() -> {
                        done.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(e -> {
                        done.completeExceptionally(e);
                        return CompletableFuture.completedFuture(null);
                    }));
            sent.add(done);
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("dead letters could not be sent", e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getName();
    }
}
