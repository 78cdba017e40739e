package io.lamina.billing.service;

import io.lamina.billing.LedgerEntry;
import io.lamina.billing.Reservation;
import io.lamina.billing.service.Charges.Capture;
import io.lamina.billing.service.Charges.Pool;
import io.lamina.billing.service.GrantBuckets.Bucket;
import io.lamina.billing.service.GrantBuckets.Debit;
import io.lamina.contracts.Topics;
import io.lamina.contracts.billing.BillingEvent;
import io.lamina.contracts.billing.CreditsCaptured;
import io.lamina.contracts.billing.CreditsDenied;
import io.lamina.contracts.billing.CreditsLow;
import io.lamina.contracts.billing.CreditsReleased;
import io.lamina.contracts.billing.CreditsReserved;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.JobSubmitted;
import io.lamina.contracts.jobs.StepSucceeded;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The effect of a batch of job events on the pools of the tenants they touch, computed in memory, free of I/O.
 * {@link JobEventBatch} loads the state the batch needs (the locked accounts, their live grants, the reservations of
 * the batch's jobs) into one of these, feeds it the batch's first deliveries in log order, and writes what it
 * collected ({@link #ledger()}, {@link #debits()}, {@link #outbox()}, changed accounts, grants and reservations,
 * {@link #usage()}) in the same transaction as the batch's inbox rows.
 *
 * <p>Each event is applied exactly as the one-event-per-transaction handler did: due grants expire first, then the
 * reservation, capture or release, then the credits.low check; every figure goes through {@link Pool} (which refuses
 * {@code reserved > balance} or negative figures), {@link Charges} and {@link GrantBuckets}. Since nothing is written
 * before the batch ends, every read the loader answers (budgets' spending) sees the state before the batch, and the
 * batch's own changes are added here.
 */
public final class BatchLedger {

    private static final Logger LOG = Logger.getLogger(BatchLedger.class);

    /** A tenant's account row as locked at the start of the batch. */
    public static final class AccountState {
        public final String tenantId;
        public long balance;
        public long reserved;
        public final Long lowThreshold;
        public boolean aboveLow;
        public Instant nextExpiry;
        public final List<GrantState> live = new ArrayList<>();
        boolean changed;

        public AccountState(String tenantId, long balance, long reserved, Long lowThreshold, boolean aboveLow,
                            Instant nextExpiry) {
            this.tenantId = tenantId;
            this.balance = balance;
            this.reserved = reserved;
            this.lowThreshold = lowThreshold;
            this.aboveLow = aboveLow;
            this.nextExpiry = nextExpiry;
        }

        Pool pool() {
            return new Pool(balance, reserved);
        }

        void apply(Pool pool) {
            balance = pool.balance();
            reserved = pool.reserved();
            changed = true;
        }

        public long available() {
            return balance - reserved;
        }

        public boolean changed() {
            return changed;
        }
    }

    /** A grant with credits left. */
    public static final class GrantState {
        public final String id;
        public final Instant expiresAt;
        public final Instant createdAt;
        public long remaining;
        public Instant expiredAt;
        boolean changed;

        public GrantState(String id, Instant expiresAt, Instant createdAt, long remaining) {
            this.id = id;
            this.expiresAt = expiresAt;
            this.createdAt = createdAt;
            this.remaining = remaining;
        }

        Bucket bucket() {
            return new Bucket(id, expiresAt, createdAt, remaining);
        }

        public boolean changed() {
            return changed;
        }
    }

    /** A job's reservation: loaded (and row-locked) at the start of the batch, or opened by it. */
    public static final class ReservationState {
        public final String jobId;
        public final String tenantId;
        public final long amount;
        public long held;
        public long captured;
        public String status;
        public final String apiKeyId;
        public final Instant periodTime;
        public final Instant createdAt;
        public Instant closedAt;
        public final boolean isNew;
        /** captured + held when loaded (0 for one opened by the batch): budgets add the batch's change to it. */
        final long spendAtStart;
        boolean changed;

        public ReservationState(String jobId, String tenantId, long amount, long held, long captured, String status,
                                String apiKeyId, Instant periodTime, Instant createdAt, Instant closedAt,
                                boolean isNew) {
            this.jobId = jobId;
            this.tenantId = tenantId;
            this.amount = amount;
            this.held = held;
            this.captured = captured;
            this.status = status;
            this.apiKeyId = apiKeyId;
            this.periodTime = periodTime;
            this.createdAt = createdAt;
            this.closedAt = closedAt;
            this.isNew = isNew;
            this.spendAtStart = isNew ? 0 : captured + held;
        }

        boolean isOpen() {
            return Reservation.OPEN.equals(status);
        }

        public boolean changed() {
            return changed;
        }
    }

    /** A key budget of a tenant. */
    public record BudgetLimit(String period, long limit) {
    }

    /** Budgets and what they had been used for before the batch; answered from the database. */
    public interface BudgetSource {
        /** The key's budgets, in a stable order. */
        List<BudgetLimit> budgets(String tenantId, String apiKeyId);

        /** Σ captured + held of the key's reservations with a period time in [from, to), before the batch. */
        long spentBefore(String tenantId, String apiKeyId, Instant from, Instant to);
    }

    /** A ledger line; {@code seq} is its place in the batch, mapped to a ledger id when written. */
    public record LedgerLine(int seq, String tenantId, String type, long amount, long fromHold, String jobId,
                             String stepId, String grantId, String eventId, String code, String operation, Long units,
                             String apiKeyId, Instant createdAt) {
    }

    /** {@code amount} credits of grant {@code grantId} taken by ledger line {@code seq}. */
    public record DebitLine(int seq, String grantId, long amount) {
    }

    /** A record for the outbox, continuing the trace of the event that caused it ({@code traceparent} may be null). */
    public record OutboxLine(String topic, String key, String payload, String traceparent) {
        public OutboxLine(String topic, String key, String payload) {
            this(topic, key, payload, null);
        }
    }

    /** Usage of one tenant, UTC day and operation added by the batch. */
    public record UsageKey(String tenantId, LocalDate day, String operation) {
    }

    /** Steps, units and credits added to one {@link UsageKey}. */
    public static final class UsageSum {
        public long steps;
        public long units;
        public long credits;
    }

    /** Trace of the event being applied, for the records it causes. */
    private String currentTraceparent;
    private final Map<String, AccountState> accounts;
    private final Map<String, ReservationState> reservations;
    private final BudgetSource budgetSource;
    private final ToLongFunction<String> prices;
    private final Function<BillingEvent, String> json;
    private final long defaultLowThreshold;

    private final List<LedgerLine> ledger = new ArrayList<>();
    private final List<DebitLine> debits = new ArrayList<>();
    private final List<OutboxLine> outbox = new ArrayList<>();
    private final Map<UsageKey, UsageSum> usage = new LinkedHashMap<>();
    private final Map<String, GrantState> changedGrants = new LinkedHashMap<>();

    /**
     * @param accounts     every tenant the batch names, locked, with its live grants
     * @param reservations the existing reservations of the batch's jobs, locked
     */
    public BatchLedger(Map<String, AccountState> accounts, Map<String, ReservationState> reservations,
                       BudgetSource budgetSource, ToLongFunction<String> prices, Function<BillingEvent, String> json,
                       long defaultLowThreshold) {
        this.accounts = accounts;
        this.reservations = reservations;
        this.budgetSource = budgetSource;
        this.prices = prices;
        this.json = json;
        this.defaultLowThreshold = defaultLowThreshold;
    }

    /** Applies one first delivery; {@code now} is the time the batch is applied at (expiry, created_at). */
    public void apply(JobEvent event, Instant now) {
        apply(event, now, null);
    }

    /** As {@link #apply(JobEvent, Instant)}; the records it causes continue the trace {@code traceparent}. */
    public void apply(JobEvent event, Instant now, String traceparent) {
        currentTraceparent = traceparent;
        if (event instanceof JobSubmitted submitted) {
            reserve(submitted, now);
        } else if (event instanceof StepSucceeded succeeded) {
            capture(succeeded, now);
        } else if (event instanceof JobCompleted || event instanceof JobFailed || event instanceof JobCancelled) {
            release(event, now);
        }
        // step.failed charges nothing; its share of the hold comes back when the job ends.
    }

    private AccountState open(String tenantId, Instant now) {
        AccountState account = Objects.requireNonNull(accounts.get(tenantId), () -> "account not loaded: " + tenantId);
        if (account.nextExpiry != null && !account.nextExpiry.isAfter(now)) {
            expireDue(account, now);
        }
        return account;
    }

    private void close(AccountState account) {
        long threshold = account.lowThreshold == null ? defaultLowThreshold : account.lowThreshold;
        boolean above = account.available() >= threshold;
        if (!above && account.aboveLow) {
            publish(account.tenantId, CreditsLow.of(account.tenantId, account.available(), threshold));
            LOG.infof("credits.low: tenant %s has %d credits available, below its threshold %d", account.tenantId,
                    account.available(), threshold);
        }
        if (account.aboveLow != above) {
            account.aboveLow = above;
            account.changed = true;
        }
    }

    private void reserve(JobSubmitted event, Instant now) {
        String tenantId = event.tenantId();
        String jobId = event.jobId();
        long estimate = Charges.estimate(event.steps(), prices);
        AccountState account = open(tenantId, now);
        if (reservations.containsKey(jobId)) {
            LOG.warnf("job %s was submitted again under event %s; keeping its first reservation", jobId,
                    event.eventId());
            return;
        }
        Instant submittedAt = event.time() == null ? now : event.time();
        Pool pool = account.pool();
        BudgetExceeded overBudget = checkBudgets(tenantId, event.apiKeyId(), submittedAt, estimate);
        if (overBudget != null) {
            deny(event, CreditsDenied.BUDGET_EXCEEDED, estimate, overBudget.left, now);
            LOG.infof("denied job %s: needs %d credits, the %s budget of key %s has %d left", jobId, estimate,
                    overBudget.period, event.apiKeyId(), overBudget.left);
        } else if (!pool.covers(estimate)) {
            deny(event, CreditsDenied.INSUFFICIENT_CREDITS, estimate, pool.available(), now);
            LOG.infof("denied job %s: needs %d credits, %d available", jobId, estimate, pool.available());
        } else {
            account.apply(pool.reserve(estimate));
            ReservationState reservation = new ReservationState(jobId, tenantId, estimate, estimate, 0,
                    Reservation.OPEN, event.apiKeyId(), submittedAt, now, null, true);
            reservation.changed = true;
            reservations.put(jobId, reservation);
            line(tenantId, LedgerEntry.RESERVE, estimate, 0, jobId, null, null, event.eventId(), null, null, null,
                    event.apiKeyId(), now);
            publish(jobId, CreditsReserved.of(tenantId, jobId, estimate, account.available()));
        }
        close(account);
    }

    private record BudgetExceeded(String period, long left) {
    }

    private BudgetExceeded checkBudgets(String tenantId, String apiKeyId, Instant submittedAt, long estimate) {
        if (apiKeyId == null) {
            return null;  // Kafka submissions have no key and no key budget
        }
        for (BudgetLimit budget : budgetSource.budgets(tenantId, apiKeyId)) {
            BudgetPeriod period = BudgetPeriod.byId(budget.period()).orElseThrow();
            Instant from = period.start(submittedAt);
            Instant to = period.end(submittedAt);
            long used = budgetSource.spentBefore(tenantId, apiKeyId, from, to);
            for (ReservationState r : reservations.values()) {
                if (tenantId.equals(r.tenantId) && apiKeyId.equals(r.apiKeyId) && r.periodTime != null
                        && !r.periodTime.isBefore(from) && r.periodTime.isBefore(to)) {
                    used += r.captured + r.held - r.spendAtStart;
                }
            }
            long left = Math.max(0, budget.limit() - used);
            if (estimate > left) {
                return new BudgetExceeded(budget.period(), left);
            }
        }
        return null;
    }

    private void deny(JobSubmitted event, String code, long required, long available, Instant now) {
        line(event.tenantId(), LedgerEntry.DENY, required, 0, event.jobId(), null, null, event.eventId(), code, null,
                null, event.apiKeyId(), now);
        publish(event.jobId(), CreditsDenied.of(event.tenantId(), event.jobId(), required, available, code));
    }

    private void capture(StepSucceeded event, Instant now) {
        String tenantId = event.tenantId();
        String jobId = event.jobId();
        AccountState account = open(tenantId, now);
        ReservationState reservation = heldFor(tenantId, jobId);
        if (reservation == null) {
            LOG.warnf("step %s of job %s succeeded but the job holds no reservation (denied or unknown);"
                    + " nothing is charged", event.stepId(), jobId);
            return;
        }
        long units = event.usage() == null ? 0 : Math.max(0, event.usage().units());
        long actual = Charges.cost(prices.applyAsLong(event.operation()), units);
        Pool pool = account.pool();
        Capture capture = Charges.capture(reservation.held, pool.available(), actual);
        if (capture.shortfall() > 0) {
            LOG.warnf("step %s of job %s cost %d credits but only %d could be charged (held %d, available %d);"
                            + " %d credits go unpaid", event.stepId(), jobId, actual, capture.charged(),
                    reservation.held, pool.available(), capture.shortfall());
        }
        account.apply(pool.capture(capture));
        int seq = line(tenantId, LedgerEntry.CAPTURE, capture.charged(), capture.fromHold(), jobId, event.stepId(),
                null, event.eventId(), null, event.operation(), units, null, now);
        debitGrants(account, seq, capture.charged());
        reservation.held = capture.heldAfter();
        reservation.captured += capture.charged();
        reservation.changed = true;
        Instant time = event.time() == null ? now : event.time();
        UsageSum sum = usage.computeIfAbsent(new UsageKey(tenantId, time.atOffset(ZoneOffset.UTC).toLocalDate(),
                event.operation() == null ? "unknown" : event.operation()), k -> new UsageSum());
        sum.steps++;
        sum.units += units;
        sum.credits += capture.charged();
        publish(jobId, CreditsCaptured.of(tenantId, jobId, event.stepId(), capture.charged(), account.balance));
        close(account);
    }

    private void release(JobEvent event, Instant now) {
        String tenantId = event.tenantId();
        String jobId = event.jobId();
        AccountState account = open(tenantId, now);
        ReservationState reservation = heldFor(tenantId, jobId);
        if (reservation == null || !reservation.isOpen()) {
            return;
        }
        long held = reservation.held;
        account.apply(account.pool().release(held));
        reservation.held = 0;
        reservation.status = Reservation.CLOSED;
        reservation.closedAt = now;
        reservation.changed = true;
        line(tenantId, LedgerEntry.RELEASE, held, 0, jobId, null, null, event.eventId(), null, null, null, null, now);
        publish(jobId, CreditsReleased.of(tenantId, jobId, held));
        close(account);
    }

    private ReservationState heldFor(String tenantId, String jobId) {
        ReservationState reservation = reservations.get(jobId);
        if (reservation != null && !reservation.tenantId.equals(tenantId)) {
            LOG.errorf("event for job %s names tenant %s but the job was reserved for tenant %s; ignoring it",
                    jobId, tenantId, reservation.tenantId);
            return null;
        }
        return reservation;
    }

    /** As {@link AccountBook#expireDue}: what is due and does not back holds leaves the balance. */
    private void expireDue(AccountState account, Instant now) {
        List<Debit> expiring = GrantBuckets.expiring(account.live.stream().map(GrantState::bucket).toList(),
                account.reserved, now);
        for (Debit debit : expiring) {
            GrantState grant = grant(account, debit.grantId());
            account.apply(account.pool().expire(debit.amount()));
            int seq = line(account.tenantId, LedgerEntry.EXPIRE, debit.amount(), 0, null, null, grant.id, null, null,
                    null, null, null, now);
            debit(grant, seq, debit.amount());
            if (grant.remaining == 0) {
                grant.expiredAt = now;
            }
            LOG.infof("grant %s of tenant %s expired: %d credits", grant.id, account.tenantId, debit.amount());
        }
        Instant next = account.live.stream().filter(g -> g.remaining > 0).map(g -> g.expiresAt)
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        if (!Objects.equals(next, account.nextExpiry)) {
            account.nextExpiry = next;
            account.changed = true;
        }
    }

    private void debitGrants(AccountState account, int seq, long amount) {
        if (amount == 0) {
            return;
        }
        for (Debit debit : GrantBuckets.allocate(account.live.stream().map(GrantState::bucket).toList(), amount)) {
            debit(grant(account, debit.grantId()), seq, debit.amount());
        }
    }

    private void debit(GrantState grant, int seq, long amount) {
        grant.remaining -= amount;
        if (grant.remaining < 0) {
            throw new IllegalStateException("grant " + grant.id + " would go below zero");
        }
        grant.changed = true;
        changedGrants.put(grant.id, grant);
        debits.add(new DebitLine(seq, grant.id, amount));
    }

    private static GrantState grant(AccountState account, String grantId) {
        return account.live.stream().filter(g -> g.id.equals(grantId)).findFirst().orElseThrow();
    }

    private int line(String tenantId, String type, long amount, long fromHold, String jobId, String stepId,
                     String grantId, String eventId, String code, String operation, Long units, String apiKeyId,
                     Instant createdAt) {
        int seq = ledger.size();
        ledger.add(new LedgerLine(seq, tenantId, type, amount, fromHold, jobId, stepId, grantId, eventId, code,
                operation, units, apiKeyId, createdAt));
        return seq;
    }

    private void publish(String key, BillingEvent event) {
        outbox.add(new OutboxLine(Topics.BILLING_EVENTS, key, json.apply(event), currentTraceparent));
    }

    /** Queues a record that is no job event for the dead-letter topic, in the batch's transaction. */
    public void deadLetter(String topic, String key, String payload) {
        outbox.add(new OutboxLine(topic, key, payload));
    }

    public List<LedgerLine> ledger() {
        return ledger;
    }

    public List<DebitLine> debits() {
        return debits;
    }

    public List<OutboxLine> outbox() {
        return outbox;
    }

    public Map<UsageKey, UsageSum> usage() {
        return usage;
    }

    public List<AccountState> changedAccounts() {
        return accounts.values().stream().filter(AccountState::changed).toList();
    }

    public List<GrantState> changedGrants() {
        return List.copyOf(changedGrants.values());
    }

    public List<ReservationState> changedReservations() {
        return reservations.values().stream().filter(ReservationState::changed).toList();
    }
}
