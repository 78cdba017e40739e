package io.lamina.billing.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.billing.Account;

/** A tenant's pool; {@code available} = {@code balance} − {@code reserved}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccountView(String tenantId, long balance, long reserved, long available) {

    public static AccountView of(Account account) {
        return new AccountView(account.tenantId, account.balance, account.reserved, account.balance - account.reserved);
    }

    /** A tenant billing has never seen owns nothing. */
    public static AccountView empty(String tenantId) {
        return new AccountView(tenantId, 0, 0, 0);
    }
}
