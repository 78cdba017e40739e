package io.lamina.outbox;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka in id order, then deletes them. One relay is active per database schema at
 * a time (a transaction-scoped advisory lock), so records of one key keep their order across service replicas. A
 * crash between publish and delete republishes a batch: consumers are idempotent by event id.
 * Channel {@code outbox} must be configured as a Kafka outgoing channel with a String serializer.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * BATCH)
    Emitter<String> emitter;

    @ConfigProperty(name = "lamina.outbox.poll-interval", defaultValue = "PT0.5S")
    Duration pollInterval;

    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent ignored) {
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        wake();
    }

    /** Called after a transaction that added rows commits; the periodic poll covers other replicas' rows. */
    void wake() {
        signal.release();
    }

    private void loop() {
        while (running) {
            try {
                int published = relayOnce();
                if (published < BATCH) {
                    signal.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("outbox relay failed, retrying: %s", e.toString());
                sleepQuietly();
            }
        }
    }

    private int relayOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!lock(c)) {
                    c.rollback();
                    return 0;
                }
                List<Long> ids = new ArrayList<>();
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "select id, topic, msg_key, payload, traceparent from outbox order by id limit " + BATCH);
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        acks.add(send(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
                if (ids.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                try (PreparedStatement del = c.prepareStatement("delete from outbox where id = any (?)")) {
                    del.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                    del.executeUpdate();
                }
                c.commit();
                return ids.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private CompletableFuture<Void> send(String topic, String key, String payload, String traceparent) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        Message<String> msg = Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build())
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    ack.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                });
        if (traceparent != null) {
            Context parent = W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), Map.of("traceparent", traceparent), MAP_GETTER);
            msg = msg.addMetadata(TracingMetadata.withCurrent(parent));
        }
        emitter.send(msg);
        return ack;
    }

    /**
     * One relay per schema: the lock is released when the transaction ends. The same statement lets this transaction
     * commit without waiting for its WAL flush: if a crash loses the delete, the rows are published again and consumers
     * drop them by event id. That saves a disk flush on every hop of a job, without another round trip.
     */
    private static boolean lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox')),"
                        + " set_config('synchronous_commit', 'off', true)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
