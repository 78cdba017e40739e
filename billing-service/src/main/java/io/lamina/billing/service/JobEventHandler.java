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

import java.time.Instant;
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
    private final AccountBook book;
    private final Budgets budgets;
    private final Usage usage;

    public JobEventHandler(Inbox inbox, Prices prices, BillingEvents events, AccountBook book, Budgets budgets,
                           Usage usage) {
        this.inbox = inbox;
        this.prices = prices;
        this.events = events;
        this.book = book;
        this.budgets = budgets;
        this.usage = usage;
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
        Instant now = Instant.now();
        Account account = book.open(tenantId, now);
        if (Reservation.find(jobId).isPresent()) {
            LOG.warnf("job %s was submitted again under event %s; keeping its first reservation", jobId,
                    event.eventId());
            return;
        }
        Instant submittedAt = event.time() == null ? now : event.time();
        Pool pool = account.pool();
        Optional<Budgets.Exceeded> overBudget = budgets.check(tenantId, event.apiKeyId(), submittedAt, estimate);
        if (overBudget.isPresent()) {
            deny(event, CreditsDenied.BUDGET_EXCEEDED, estimate, overBudget.get().left());
            LOG.infof("denied job %s: needs %d credits, the %s budget of key %s has %d left", jobId, estimate,
                    overBudget.get().period(), event.apiKeyId(), overBudget.get().left());
        } else if (!pool.covers(estimate)) {
            deny(event, CreditsDenied.INSUFFICIENT_CREDITS, estimate, pool.available());
            LOG.infof("denied job %s: needs %d credits, %d available", jobId, estimate, pool.available());
        } else {
            account.apply(pool.reserve(estimate));
            Reservation.open(tenantId, jobId, estimate, event.apiKeyId(), submittedAt).persist();
            LedgerEntry entry = LedgerEntry.forJob(LedgerEntry.RESERVE, tenantId, estimate, jobId, null,
                    event.eventId());
            entry.apiKeyId = event.apiKeyId();
            entry.persist();
            events.publish(jobId, CreditsReserved.of(tenantId, jobId, estimate, account.available()));
        }
        book.close(account);
    }

    private void deny(JobSubmitted event, String code, long required, long available) {
        LedgerEntry entry = LedgerEntry.forJob(LedgerEntry.DENY, event.tenantId(), required, event.jobId(), null,
                event.eventId());
        entry.code = code;
        entry.apiKeyId = event.apiKeyId();
        entry.persist();
        events.publish(event.jobId(), CreditsDenied.of(event.tenantId(), event.jobId(), required, available, code));
    }

    private void capture(StepSucceeded event) {
        String tenantId = event.tenantId();
        String jobId = event.jobId();
        Instant now = Instant.now();
        Account account = book.open(tenantId, now);
        Optional<Reservation> found = heldFor(tenantId, jobId);
        if (found.isEmpty()) {
            LOG.warnf("step %s of job %s succeeded but the job holds no reservation (denied or unknown);"
                    + " nothing is charged", event.stepId(), jobId);
            return;
        }
        Reservation reservation = found.get();
        long units = event.usage() == null ? 0 : Math.max(0, event.usage().units());
        long actual = Charges.cost(prices.of(event.operation()), units);
        Pool pool = account.pool();
        Capture capture = Charges.capture(reservation.held, pool.available(), actual);
        if (capture.shortfall() > 0) {
            LOG.warnf("step %s of job %s cost %d credits but only %d could be charged (held %d, available %d);"
                            + " %d credits go unpaid", event.stepId(), jobId, actual, capture.charged(),
                    reservation.held, pool.available(), capture.shortfall());
        }
        LedgerEntry entry = LedgerEntry.forJob(LedgerEntry.CAPTURE, tenantId, capture.charged(), jobId,
                event.stepId(), event.eventId());
        entry.operation = event.operation();
        entry.units = units;
        book.capture(account, capture, entry);
        reservation.held = capture.heldAfter();
        reservation.captured += capture.charged();
        usage.record(tenantId, event.time() == null ? now : event.time(), event.operation(), units, capture.charged());
        events.publish(jobId, CreditsCaptured.of(tenantId, jobId, event.stepId(), capture.charged(), account.balance));
        book.close(account);
    }

    private void release(JobEvent event) {
        String tenantId = event.tenantId();
        String jobId = event.jobId();
        Account account = book.open(tenantId, Instant.now());
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
        book.close(account);
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
