package io.lamina.billing.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Expires grants of tenants that have had no activity since their grants expired (activity expires them anyway:
 * every pool change expires what is due first). Each tenant in its own transaction under its account lock; running
 * twice, or on two replicas, expires nothing twice, because what expired is no longer a grant's {@code remaining}.
 */
@ApplicationScoped
public class ExpirySweep {

    private static final Logger LOG = Logger.getLogger(ExpirySweep.class);
    private static final int TENANTS_PER_RUN = 1000;

    private final AccountService accounts;

    public ExpirySweep(AccountService accounts) {
        this.accounts = accounts;
    }

    @Scheduled(every = "${lamina.billing.expiry-sweep-every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (String tenantId : accounts.tenantsWithDueGrants(TENANTS_PER_RUN)) {
            try {
                accounts.expire(tenantId);
            } catch (RuntimeException e) {
                LOG.warnf("expiring the grants of tenant %s failed, the next sweep tries again: %s", tenantId, e);
            }
        }
    }
}
