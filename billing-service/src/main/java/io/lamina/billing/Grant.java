package io.lamina.billing;

import io.lamina.billing.service.NewGrant;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** Credits added to a tenant's pool; the id is the caller's idempotency key. */
@Entity
@Table(name = "grants")
public class Grant extends PanacheEntityBase {

    public static final Set<String> SOURCES = Set.of("trial", "subscription", "pack", "manual");
    public static final String DEFAULT_SOURCE = "manual";

    @Id
    public String id;

    public String tenantId;

    public long amount;

    public String source;

    public Instant expiresAt;

    public Instant createdAt;

    /** Stores the grant unless its id is taken (by this request's earlier delivery or anyone else's); true if stored. */
    public static boolean insertIfAbsent(String tenantId, NewGrant grant) {
        return getEntityManager()
                .createNativeQuery("insert into grants (id, tenant_id, amount, source, expires_at, created_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, now()) on conflict (id) do nothing")
                .setParameter(1, grant.grantId())
                .setParameter(2, tenantId)
                .setParameter(3, grant.amount())
                .setParameter(4, grant.source())
                .setParameter(5, grant.expiresAt())
                .executeUpdate() == 1;
    }

    /** True if {@code grant} repeats this one, so answering with this one is the idempotent reply. */
    public boolean sameAs(String tenantId, NewGrant grant) {
        return this.tenantId.equals(tenantId) && amount == grant.amount() && source.equals(grant.source())
                && Objects.equals(expiresAt, grant.expiresAt());
    }
}
