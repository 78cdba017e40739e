package io.lamina.billing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.billing.Grant;

import java.time.Instant;
import java.util.List;

/** A tenant's grants: those with credits left in the order they are consumed, then the used up or expired ones. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GrantList(List<Item> grants) {

    public static GrantList of(List<Grant> grants) {
        return new GrantList(grants.stream().map(Item::of).toList());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(String grantId, long amount, long remaining, String source, Instant expiresAt,
                       Instant createdAt, Instant expiredAt) {

        static Item of(Grant g) {
            return new Item(g.id, g.amount, g.remaining, g.source, g.expiresAt, g.createdAt, g.expiredAt);
        }
    }
}
