package io.lamina.billing.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.billing.Account;

/** A tenant's pool; {@code available} = {@code balance} − {@code reserved}; credits.low fires below the threshold. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccountView(String tenantId, long balance, long reserved, long available, long lowBalanceThreshold) {

    public static AccountView of(Account account, long lowBalanceThreshold) {
        return new AccountView(account.tenantId, account.balance, account.reserved, account.balance - account.reserved,
                lowBalanceThreshold);
    }

    /** A tenant billing has never seen owns nothing. */
    public static AccountView empty(String tenantId, long lowBalanceThreshold) {
        return new AccountView(tenantId, 0, 0, 0, lowBalanceThreshold);
    }
}
