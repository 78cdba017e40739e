package io.lamina.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Hands out freed slots: steps that wait because their tenant already runs its cap of an operation go out as that
 * tenant's running steps finish. Queues are served round-robin (one step per tenant and operation per turn), each
 * step in its own transaction, so one tenant's long queue never delays another tenant's steps.
 */
@ApplicationScoped
public class FairDispatcher {

    private static final Logger LOG = Logger.getLogger(FairDispatcher.class);
    /** Bounds one refill; what is left waits for the next sweep. */
    private static final int MAX_TURNS = 1000;

    @Inject
    JobCoordinator coordinator;

    /** After one of the tenant's steps finished (or its job ended): fill the tenant's free slots. */
    public void refill(UUID tenantId) {
        try {
            serve(coordinator.waitingQueues(tenantId));
        } catch (RuntimeException e) {
            LOG.warnf("refilling the slots of tenant %s failed, the sweeper retries: %s", tenantId, e.toString());
        }
    }

    /** Every tenant's waiting steps, round-robin; the sweeper calls it to catch what an earlier refill missed. */
    public void refillAll() {
        try {
            serve(coordinator.waitingQueues(null));
        } catch (RuntimeException e) {
            LOG.warnf("refilling waiting steps failed, the next sweep retries: %s", e.toString());
        }
    }

    private void serve(List<Object[]> queues) {
        Deque<Object[]> turn = new ArrayDeque<>(queues);
        int dispatched = 0;
        int turns = 0;
        while (!turn.isEmpty() && turns++ < MAX_TURNS) {
            Object[] queue = turn.poll();
            try {
                if (coordinator.dispatchOneWaiting((UUID) queue[0], (String) queue[1])) {
                    dispatched++;
                    turn.add(queue);
                }
            } catch (RuntimeException e) {
                LOG.warnf("dispatching a waiting step of tenant %s failed, the sweeper retries: %s", queue[0],
                        e.toString());
            }
        }
        if (dispatched > 0) {
            LOG.debugf("dispatched %d waiting steps", dispatched);
        }
    }
}
