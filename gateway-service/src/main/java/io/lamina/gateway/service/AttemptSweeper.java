package io.lamina.gateway.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Finds jobs and attempts that outlived their deadlines, and steps whose next attempt is due. Each step is handled in its own
 * transaction under its job's row lock, so several gateway replicas may sweep at once.
 */
@ApplicationScoped
public class AttemptSweeper {

    private static final Logger LOG = Logger.getLogger(AttemptSweeper.class);
    private static final int BATCH = 200;

    @Inject
    JobCoordinator coordinator;

    @Inject
    FairDispatcher fairDispatcher;

    @Scheduled(every = "${lamina.jobs.sweep-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (java.util.UUID id : coordinator.overdueJobs(BATCH)) {
            try {
                coordinator.onJobOverdue(id);
            } catch (RuntimeException e) {
                LOG.warnf("sweeping job %s failed, next sweep retries: %s", id, e.toString());
            }
        }
        for (long id : coordinator.overdueSteps(BATCH)) {
            handle(() -> coordinator.onAttemptOverdue(id), id);
        }
        for (long id : coordinator.dueRetries(BATCH)) {
            handle(() -> coordinator.onRetryDue(id), id);
        }
        // Slots freed by timeouts, cancellations and failed jobs, or missed by a refill that failed.
        fairDispatcher.refillAll();
    }

    private static void handle(Runnable action, long stepRowId) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warnf("sweeping step row %d failed, next sweep retries: %s", stepRowId, e.toString());
        }
    }
}
