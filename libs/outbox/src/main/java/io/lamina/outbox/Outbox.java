package io.lamina.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Queues a Kafka record in the caller's database transaction. The record is published by {@link OutboxRelay} after
 * the transaction commits, and never if it rolls back: a state change and the event announcing it stand or fall
 * together. Table {@code outbox} (see the service's Flyway migration) lives in the service's own schema.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry txRegistry;

    @Inject
    OutboxRelay relay;

    /** Must run inside a transaction; {@code key} decides the partition (Lamina uses the job id). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String key, String json) {
        add(topic, key, json, currentTraceparent());
    }

    /**
     * As {@link #add(String, String, String)}, continuing the trace {@code traceparent} (W3C, may be null) instead of
     * the current span's: for records caused by one record of a consumed batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String key, String json, String traceparent) {
        em.createNativeQuery("insert into outbox (topic, msg_key, payload, traceparent) values (?1, ?2, ?3, ?4)")
                .setParameter(1, topic)
                .setParameter(2, key)
                .setParameter(3, json)
                .setParameter(4, traceparent)
                .executeUpdate();
        txRegistry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }

    /** W3C traceparent of the current span, so the relay can continue the trace after the database hop. */
    private static String currentTraceparent() {
        SpanContext ctx = Span.current().getSpanContext();
        if (!ctx.isValid()) {
            return null;
        }
        return "00-" + ctx.getTraceId() + "-" + ctx.getSpanId() + "-" + ctx.getTraceFlags().asHex();
    }
}
