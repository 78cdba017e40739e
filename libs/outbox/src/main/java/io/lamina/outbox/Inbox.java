package io.lamina.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers consumed event ids in the same transaction as their effect (table {@code processed_events}), so a
 * redelivered record changes nothing.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager em;

    /** True the first time an event id is seen in a committed transaction; false for a redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String eventId) {
        return em.createNativeQuery("insert into processed_events (event_id) values (?1) on conflict do nothing")
                .setParameter(1, eventId)
                .executeUpdate() == 1;
    }
}
