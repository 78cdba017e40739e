package io.lamina.billing.service;

import io.lamina.billing.KeyBudget;
import io.lamina.billing.Reservation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Per-API-key budgets. A key's spending in a period is what its jobs submitted in that period have been charged plus
 * what they still hold; a job is denied when its estimate does not fit in what is left. Checked under the tenant's
 * account lock, so concurrent jobs of one key cannot overrun the budget together.
 */
@ApplicationScoped
public class Budgets {

    /** The first budget a job does not fit in: {@code left} credits remain of it in the period. */
    public record Exceeded(String period, long limit, long left) {
    }

    /** A budget and how much of it the current period has used. */
    public record Standing(KeyBudget budget, Instant periodStart, Instant periodEnd, long used) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Exceeded> check(String tenantId, String apiKeyId, Instant submittedAt, long estimate) {
        if (apiKeyId == null) {
            return Optional.empty();  // Kafka submissions have no key and no key budget
        }
        for (KeyBudget budget : KeyBudget.ofKey(tenantId, apiKeyId)) {
            BudgetPeriod period = BudgetPeriod.byId(budget.period).orElseThrow();
            long used = Reservation.spentByKey(tenantId, apiKeyId, period.start(submittedAt), period.end(submittedAt));
            long left = Math.max(0, budget.creditLimit - used);
            if (estimate > left) {
                return Optional.of(new Exceeded(budget.period, budget.creditLimit, left));
            }
        }
        return Optional.empty();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Standing> standings(String tenantId, Instant now) {
        return KeyBudget.ofTenant(tenantId).stream().map(b -> standing(b, now)).toList();
    }

    public static Standing standing(KeyBudget budget, Instant now) {
        BudgetPeriod period = BudgetPeriod.byId(budget.period).orElseThrow();
        Instant start = period.start(now);
        Instant end = period.end(now);
        return new Standing(budget, start, end,
                Reservation.spentByKey(budget.tenantId, budget.apiKeyId, start, end));
    }
}
