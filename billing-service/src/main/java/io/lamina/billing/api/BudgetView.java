package io.lamina.billing.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.billing.service.Budgets;

import java.time.Instant;

/** A key's budget for a period and what the current period has used of it (charged plus still held). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BudgetView(String apiKeyId, String period, long limit, long used, long remaining, Instant periodStart,
                         Instant periodEnd) {

    public static BudgetView of(Budgets.Standing s) {
        return new BudgetView(s.budget().apiKeyId, s.budget().period, s.budget().creditLimit, s.used(),
                Math.max(0, s.budget().creditLimit - s.used()), s.periodStart(), s.periodEnd());
    }
}
