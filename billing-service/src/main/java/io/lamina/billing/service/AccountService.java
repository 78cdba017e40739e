package io.lamina.billing.service;

import io.lamina.billing.Account;
import io.lamina.billing.Grant;
import io.lamina.billing.LedgerEntry;
import io.lamina.problem.ApiException;
import io.lamina.contracts.billing.CreditsGranted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Balances, grants and the ledger, as served to the gateway. */
@ApplicationScoped
@Transactional
public class AccountService {

    private final BillingEvents events;

    public AccountService(BillingEvents events) {
        this.events = events;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Account> account(String tenantId) {
        return Account.find(tenantId);
    }

    /**
     * Credits the tenant once per grant id. The account lock comes first, so two concurrent deliveries of one grant
     * queue behind each other and the second finds the first's row.
     */
    public GrantOutcome grant(String tenantId, NewGrant grant) {
        Account account = Account.lock(tenantId);
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
        account.apply(account.pool().grant(grant.amount()));
        LedgerEntry.forGrant(tenantId, grant.amount(), grant.grantId()).persist();
        events.publish(tenantId, CreditsGranted.of(tenantId, grant.grantId(), grant.amount(), account.balance));
        return new GrantOutcome.Created(Grant.findById(grant.grantId()), account);
    }

    /** Up to {@code limit + 1} entries, newest first: the extra one tells the caller another page exists. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LedgerEntry> ledger(String tenantId, Long before, int limit) {
        return LedgerEntry.page(tenantId, before, limit + 1);
    }
}
