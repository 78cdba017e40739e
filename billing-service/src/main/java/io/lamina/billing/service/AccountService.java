package io.lamina.billing.service;

import io.lamina.billing.Account;
import io.lamina.billing.Grant;
import io.lamina.billing.KeyBudget;
import io.lamina.billing.LedgerEntry;
import io.lamina.problem.ApiException;
import io.lamina.contracts.billing.CreditsGranted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Balances, grants, budgets, thresholds and the ledger, as served to the gateway. */
@ApplicationScoped
@Transactional
public class AccountService {

    private final BillingEvents events;
    private final AccountBook book;

    public AccountService(BillingEvents events, AccountBook book) {
        this.events = events;
        this.book = book;
    }

    /** The tenant's pool as it stands now: grants past their expiry are expired first (a short write). */
    public Optional<Account> account(String tenantId) {
        Optional<Account> account = Account.find(tenantId);
        if (account.isPresent() && account.get().nextExpiry != null
                && !account.get().nextExpiry.isAfter(Instant.now())) {
            Account locked = book.open(tenantId, Instant.now());
            book.close(locked);
            return Optional.of(locked);
        }
        return account;
    }

    public long lowThreshold(Account account) {
        return book.lowThreshold(account);
    }

    /**
     * Credits the tenant once per grant id. The account lock comes first, so two concurrent deliveries of one grant
     * queue behind each other and the second finds the first's row.
     */
    public GrantOutcome grant(String tenantId, NewGrant grant) {
        Account account = book.open(tenantId, Instant.now());
        if (!Grant.insertIfAbsent(tenantId, grant)) {
            Grant existing = Grant.findById(grant.grantId());
            return existing.sameAs(tenantId, grant)
                    ? new GrantOutcome.Replayed(existing, account)
                    : new GrantOutcome.Conflict(grant.grantId());
        }
        if (!account.pool().canGrant(grant.amount())) {
            // Thrown, not returned: the grant row inserted above must roll back with it.
            throw ApiException.unprocessable("invalid_grant", "the grant would overflow the tenant's balance");
        }
        Grant stored = Grant.findById(grant.grantId());
        book.grant(account, stored);
        if (grant.expiresAt() != null && !grant.expiresAt().isAfter(Instant.now())) {
            book.expireDue(account, Instant.now());  // granted already expired: in and out, both on the ledger
        }
        events.publish(tenantId, CreditsGranted.of(tenantId, grant.grantId(), grant.amount(), account.balance));
        book.close(account);
        return new GrantOutcome.Created(stored, account);
    }

    /** Expires the tenant's due grants now (the sweep's unit of work, one transaction per tenant). */
    public int expire(String tenantId) {
        Account account = book.open(tenantId, Instant.now());
        int expired = book.expireDue(account, Instant.now());
        book.close(account);
        return expired;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> tenantsWithDueGrants(int limit) {
        return Grant.tenantsWithDueGrants(Instant.now(), limit);
    }

    /** Sets (or with null, clears back to the default) the tenant's credits.low threshold. */
    public Account setLowThreshold(String tenantId, Long threshold) {
        Account account = book.open(tenantId, Instant.now());
        book.setLowThreshold(account, threshold);
        return account;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Grant> grants(String tenantId, int limit) {
        return Grant.ofTenant(tenantId, limit);
    }

    /** Up to {@code limit + 1} entries, newest first: the extra one tells the caller another page exists. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LedgerEntry> ledger(String tenantId, LedgerEntry.Filter filter, int limit) {
        return LedgerEntry.page(tenantId, filter, limit + 1);
    }

    /** The cached pool next to the ledger's sums and the grants' remaining credits, read in one snapshot. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Reconciliation reconcile(String tenantId) {
        Account account = Account.lock(tenantId);
        long remaining = Grant.live(tenantId).stream().mapToLong(g -> g.remaining).sum();
        return new Reconciliation(account, LedgerEntry.sums(tenantId), remaining);
    }

    public record Reconciliation(Account account, LedgerEntry.Sums sums, long grantsRemaining) {

        public boolean consistent() {
            return account.balance == sums.balance() && account.reserved == sums.reserved()
                    && account.balance == grantsRemaining;
        }
    }

    /** Sets a key's budget for a period; empty if the key's budget belongs to another tenant. */
    public Optional<KeyBudget> setBudget(String tenantId, String apiKeyId, BudgetPeriod period, long limit) {
        book.open(tenantId, Instant.now());  // budgets of a tenant change under its lock, like its reservations
        KeyBudget budget = KeyBudget.find(apiKeyId, period.id());
        if (budget == null) {
            budget = new KeyBudget();
            budget.apiKeyId = apiKeyId;
            budget.period = period.id();
            budget.tenantId = tenantId;
        } else if (!budget.tenantId.equals(tenantId)) {
            return Optional.empty();
        }
        budget.creditLimit = limit;
        budget.updatedAt = Instant.now();
        budget.persist();
        return Optional.of(budget);
    }

    /** True if the tenant's key had a budget for the period, now removed. */
    public boolean removeBudget(String tenantId, String apiKeyId, BudgetPeriod period) {
        book.open(tenantId, Instant.now());
        KeyBudget budget = KeyBudget.find(apiKeyId, period.id());
        if (budget == null || !budget.tenantId.equals(tenantId)) {
            return false;
        }
        budget.delete();
        return true;
    }
}
