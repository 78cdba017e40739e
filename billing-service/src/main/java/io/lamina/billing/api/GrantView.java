package io.lamina.billing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.billing.Account;
import io.lamina.billing.Grant;

import java.time.Instant;

/** A grant and the tenant's pool as it stands after it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantView(String grantId, String tenantId, long amount, String source, Instant expiresAt, long balance,
                        long reserved, long available) {

    public static GrantView of(Grant grant, Account account) {
        return new GrantView(grant.id, grant.tenantId, grant.amount, grant.source, grant.expiresAt, account.balance,
                account.reserved, account.balance - account.reserved);
    }
}
