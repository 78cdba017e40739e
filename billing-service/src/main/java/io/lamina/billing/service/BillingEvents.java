package io.lamina.billing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.lamina.contracts.Topics;
import io.lamina.contracts.billing.BillingEvent;
import io.lamina.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Queues billing decisions on {@code lamina.billing.events} through the outbox, in the caller's transaction. */
@ApplicationScoped
public class BillingEvents {

    private final Outbox outbox;
    private final ObjectWriter writer;

    public BillingEvents(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.writer = writer(mapper);
    }

    /** Writing through the sealed interface puts its {@code type} discriminator into the JSON. */
    static ObjectWriter writer(ObjectMapper mapper) {
        return mapper.writerFor(BillingEvent.class);
    }

    /** {@code key}: the job id, or the tenant id for grants. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String key, BillingEvent event) {
        try {
            outbox.add(Topics.BILLING_EVENTS, key, writer.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event, e);
        }
    }
}
