package io.lamina.billing.service;

import io.lamina.billing.Account;
import io.lamina.billing.Grant;
import io.lamina.billing.LedgerEntry;
import io.lamina.billing.config.BillingConfig;
import io.lamina.billing.service.GrantBuckets.Debit;
import io.lamina.contracts.billing.CreditsLow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the REST API (grants, settings, budgets, expiry sweep) changes a tenant's credits; job events go through
 * {@link JobEventBatch} and {@link BatchLedger}, which apply the same rules to a whole batch. {@link #open} takes the account's row lock and expires what is due first;
 * the other methods append the ledger entry and keep the grants' {@code remaining} and the cached pool in step with
 * it; {@link #close} announces credits.low when the change took the available balance below the threshold.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AccountBook {

    private static final Logger LOG = Logger.getLogger(AccountBook.class);

    private final BillingEvents events;
    private final long defaultLowThreshold;

    public AccountBook(BillingEvents events, BillingConfig config) {
        this.events = events;
        this.defaultLowThreshold = config.lowBalanceThreshold();
        if (defaultLowThreshold < 0) {
            throw new IllegalArgumentException("lamina.billing.low-balance-threshold must not be negative");
        }
    }

    /** Locks the tenant's account (creating it empty) and expires whatever has become due. */
    public Account open(String tenantId, Instant now) {
        Account account = Account.lock(tenantId);
        if (account.nextExpiry != null && !account.nextExpiry.isAfter(now)) {
            expireDue(account, now);
        }
        return account;
    }

    /** After a change: credits.low once per crossing of the threshold from above. */
    public void close(Account account) {
        long threshold = lowThreshold(account);
        boolean above = account.available() >= threshold;
        if (!above && account.aboveLow) {
            events.publish(account.tenantId, CreditsLow.of(account.tenantId, account.available(), threshold));
            LOG.infof("credits.low: tenant %s has %d credits available, below its threshold %d", account.tenantId,
                    account.available(), threshold);
        }
        account.aboveLow = above;
    }

    /** The account's threshold; the configured default for a null account or one without its own. */
    public long lowThreshold(Account account) {
        return account == null || account.lowThreshold == null ? defaultLowThreshold : account.lowThreshold;
    }

    /** A new threshold is a new baseline: no credits.low for a balance that was already below it. */
    public void setLowThreshold(Account account, Long threshold) {
        account.lowThreshold = threshold;
        account.aboveLow = account.available() >= lowThreshold(account);
    }

    public void grant(Account account, Grant grant) {
        account.apply(account.pool().grant(grant.amount));
        LedgerEntry.forGrant(LedgerEntry.GRANT, account.tenantId, grant.amount, grant.id).persist();
        if (grant.expiresAt != null && (account.nextExpiry == null || grant.expiresAt.isBefore(account.nextExpiry))) {
            account.nextExpiry = grant.expiresAt;
        }
    }

    /**
     * Takes {@code charged} credits (of which {@code fromHold} were held for the job) from the balance, consuming the
     * tenant's grants soonest-expiring first; the ledger entry is returned for the caller to complete.
     */
    public LedgerEntry capture(Account account, Charges.Capture capture, LedgerEntry entry) {
        account.apply(account.pool().capture(capture));
        entry.fromHold = capture.fromHold();
        entry.persist();
        debitGrants(entry, Grant.live(account.tenantId), capture.charged());
        return entry;
    }

    /**
     * Expires, of every grant past its expiry, what does not back the tenant's holds (see {@link GrantBuckets#expiring});
     * one {@code expire} ledger entry per grant. Idempotent: what expired is no longer {@code remaining}.
     */
    public int expireDue(Account account, Instant now) {
        List<Grant> live = Grant.live(account.tenantId);
        Map<String, Grant> byId = live.stream().collect(Collectors.toMap(g -> g.id, Function.identity()));
        List<Debit> expiring = GrantBuckets.expiring(live.stream().map(Grant::bucket).toList(), account.reserved, now);
        for (Debit debit : expiring) {
            Grant grant = byId.get(debit.grantId());
            account.apply(account.pool().expire(debit.amount()));
            LedgerEntry entry = LedgerEntry.forGrant(LedgerEntry.EXPIRE, account.tenantId, debit.amount(), grant.id);
            entry.persist();
            grant.debit(entry.id, debit.amount());
            if (grant.remaining == 0) {
                grant.expiredAt = now;
            }
            LOG.infof("grant %s of tenant %s expired: %d credits", grant.id, account.tenantId, debit.amount());
        }
        account.nextExpiry = live.stream().filter(g -> g.remaining > 0).map(g -> g.expiresAt)
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        return expiring.size();
    }

    private static void debitGrants(LedgerEntry entry, List<Grant> live, long amount) {
        if (amount == 0) {
            return;
        }
        Map<String, Grant> byId = live.stream().collect(Collectors.toMap(g -> g.id, Function.identity()));
        for (Debit debit : GrantBuckets.allocate(live.stream().map(Grant::bucket).toList(), amount)) {
            byId.get(debit.grantId()).debit(entry.id, debit.amount());
        }
    }
}
