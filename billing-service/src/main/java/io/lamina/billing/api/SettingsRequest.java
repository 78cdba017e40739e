package io.lamina.billing.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;

/**
 * Body of {@code PUT /internal/accounts/{t}/settings}: {@code {"low_balance_threshold": <credits> | null}} (null:
 * back to the configured default).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SettingsRequest(BigDecimal lowBalanceThreshold) {

    public static Long validate(SettingsRequest request) {
        if (request == null || request.lowBalanceThreshold == null) {
            return null;
        }
        return Credits.wholeAmount(request.lowBalanceThreshold, 0, "invalid_settings", "low_balance_threshold");
    }
}
