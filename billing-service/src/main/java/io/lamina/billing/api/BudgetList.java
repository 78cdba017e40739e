package io.lamina.billing.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** A tenant's key budgets. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BudgetList(List<BudgetView> budgets) {
}
