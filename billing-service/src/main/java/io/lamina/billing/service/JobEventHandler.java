package io.lamina.billing.service;

import io.lamina.billing.Account;
import io.lamina.billing.LedgerEntry;
import io.lamina.billing.Reservation;
import io.lamina.billing.service.Charges.Capture;
import io.lamina.billing.service.Charges.Pool;
import io.lamina.contracts.billing.CreditsCaptured;
import io.lamina.contracts.billing.CreditsDenied;
import io.lamina.contracts.billing.CreditsReleased;
import io.lamina.contracts.billing.CreditsReserved;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.JobSubmitted;
import io.lamina.contracts.jobs.StepSucceeded;
import io.lamina.outbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Applies one job event to the tenant's pool, exactly once: the event id is recorded in the same transaction as the
 * pool change, the ledger line and the outbox record announcing it. Lock order is always account, then reservation.
 */
@ApplicationScoped
@Transactional
public class JobEventHandler {

    private static final Logger LOG = Logger.getLogger(JobEventHandler.class);

    private final Inbox inbox;
    private final Prices prices;
    private final BillingEvents events;

    public JobEventHandler(Inbox inbox, Prices prices, BillingEvents events) {
        this.inbox = inbox;
        this.prices = prices;
        this.events = events;
    }

    public void handle(JobEvent event) {
        if (!inbox.firstDelivery(event.eventId())) {
            LOG.debugf("event %s already applied, skipping the redelivery", event.eventId());
            return;
        }
        if (event instanceof JobSubmitted submitted) {
            reserve(submitted);
        } else if (event instanceof StepSucceeded succeeded) {
            capture(succeeded);
        } else if (event instanceof JobCompleted || event instanceof JobFailed || event instanceof JobCancelled) {
            release(event);
        }
        // step.failed charges nothing; its share of the hold comes back when the job ends.
    }

    private void reserve(JobSubmitted event) {
        String tenantId = event.tenantId();
        String jobId = event.jobId();
        long estimate = Charges.estimate(event.steps(), prices::of);
        Account account = Account.lock(tenantId);
        if (Reservation.find(jobId).isPresent()) {
            LOG.warnf("job %s was submitted again under event %s; keeping its first reservation", jobId,
                    event.eventId());
            return;
        }
        Pool pool = account.pool();
        if (!pool.covers(estimate)) {
            LedgerEntry.forJob(LedgerEntry.DENY, tenantId, estimate, jobId, null, event.eventId()).persist();
            events.publish(jobId, CreditsDenied.of(tenantId, jobId, estimate, pool.available()));
            LOG.infof("denied job %s: needs %d credits, %d available", jobId, estimate, pool.available());
            return;
        }
        account.apply(pool.reserve(estimate));
        Reservation.open(tenantId, jobId, estimate).persist();
        LedgerEntry.forJob(LedgerEntry.RESERVE, tenantId, estimate, jobId, null, event.eventId()).persist();
        events.publish(jobId, CreditsReserved.of(tenantId, jobId, estimate, account.pool().available()));
    }

    private void capture(StepSucceeded event) {
        String tenantId = event.tenantId();
        String jobId = event.jobId();
        Account account = Account.lock(tenantId);
        Optional<Reservation> found = heldFor(tenantId, jobId);
        if (found.isEmpty()) {
            LOG.warnf("step %s of job %s succeeded but the job holds no reservation (denied or unknown);"
                    + " nothing is charged", event.stepId(), jobId);
            return;
        }
        Reservation reservation = found.get();
        long units = event.usage() == null ? 0 : event.usage().units();
        long actual = Charges.cost(prices.of(event.operation()), units);
        Pool pool = account.pool();
        Capture capture = Charges.capture(reservation.held, pool.available(), actual);
        if (capture.shortfall() > 0) {
            LOG.warnf("step %s of job %s cost %d credits but only %d could be charged (held %d, available %d);"
                            + " %d credits go unpaid", event.stepId(), jobId, actual, capture.charged(),
                    reservation.held, pool.available(), capture.shortfall());
        }
        account.apply(pool.capture(capture));
        reservation.held = capture.heldAfter();
        reservation.captured += capture.charged();
        LedgerEntry.forJob(LedgerEntry.CAPTURE, tenantId, capture.charged(), jobId, event.stepId(), event.eventId())
                .persist();
        events.publish(jobId, CreditsCaptured.of(tenantId, jobId, event.stepId(), capture.charged(), account.balance));
    }

    private void release(JobEvent event) {
        String tenantId = event.tenantId();
        String jobId = event.jobId();
        Account account = Account.lock(tenantId);
        Optional<Reservation> found = heldFor(tenantId, jobId);
        if (found.isEmpty() || !found.get().isOpen()) {
            return;
        }
        Reservation reservation = found.get();
        long held = reservation.held;
        account.apply(account.pool().release(held));
        reservation.close();
        LedgerEntry.forJob(LedgerEntry.RELEASE, tenantId, held, jobId, null, event.eventId()).persist();
        events.publish(jobId, CreditsReleased.of(tenantId, jobId, held));
    }

    /** The job's reservation, locked, if it belongs to {@code tenantId}; an event naming another tenant is ignored. */
    private static Optional<Reservation> heldFor(String tenantId, String jobId) {
        Optional<Reservation> reservation = Reservation.lock(jobId);
        if (reservation.isPresent() && !reservation.get().tenantId.equals(tenantId)) {
            LOG.errorf("event for job %s names tenant %s but the job was reserved for tenant %s; ignoring it",
                    jobId, tenantId, reservation.get().tenantId);
            return Optional.empty();
        }
        return reservation;
    }
}
