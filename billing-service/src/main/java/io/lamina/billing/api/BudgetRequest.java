package io.lamina.billing.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;

/** Body of {@code PUT /internal/accounts/{t}/budgets/{apiKeyId}/{period}}: {@code {"limit": <credits>}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BudgetRequest(BigDecimal limit) {

    /** The limit, or 422 {@code invalid_budget}: a whole number from 0 (nothing may be spent) to 10^12. */
    public static long validate(BudgetRequest request) {
        return Credits.wholeAmount(request == null ? null : request.limit, 0, "invalid_budget", "limit");
    }
}
