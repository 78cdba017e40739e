package io.lamina.billing.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.billing.service.AccountService.Reconciliation;

/**
 * The cached pool next to what the ledger says it must be ({@code ledger_balance} = granted − captured − expired,
 * {@code ledger_reserved} = reserved − released − captured from holds) and the grants' remaining credits.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReconciliationView(String tenantId, long balance, long reserved, long ledgerBalance,
                                 long ledgerReserved, long grantsRemaining, long granted, long captured, long expired,
                                 boolean consistent) {

    public static ReconciliationView of(Reconciliation r) {
        return new ReconciliationView(r.account().tenantId, r.account().balance, r.account().reserved,
                r.sums().balance(), r.sums().reserved(), r.grantsRemaining(), r.sums().granted(), r.sums().captured(),
                r.sums().expired(), r.consistent());
    }
}
