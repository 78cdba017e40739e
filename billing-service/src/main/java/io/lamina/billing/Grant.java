package io.lamina.billing;

import io.lamina.billing.service.GrantBuckets.Bucket;
import io.lamina.billing.service.NewGrant;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Credits added to a tenant's pool; the id is the caller's idempotency key. {@code remaining} is what captures and
 * expiry have left of it; the account's balance is the sum of its grants' {@code remaining}. Changed only under the
 * tenant's account lock.
 */
@Entity
@Table(name = "grants")
public class Grant extends PanacheEntityBase {

    public static final Set<String> SOURCES = Set.of("trial", "subscription", "pack", "manual");
    public static final String DEFAULT_SOURCE = "manual";

    @Id
    public String id;

    public String tenantId;

    public long amount;

    public long remaining;

    public String source;

    public Instant expiresAt;

    public Instant createdAt;

    /** When expiry took the last of the grant; null while anything of it is left (or it was used up). */
    public Instant expiredAt;

    /** Stores the grant unless its id is taken (by this request's earlier delivery or anyone else's); true if stored. */
    public static boolean insertIfAbsent(String tenantId, NewGrant grant) {
        return getEntityManager()
                .createNativeQuery("insert into grants (id, tenant_id, amount, remaining, source, expires_at, created_at)"
                        + " values (?1, ?2, ?3, ?3, ?4, ?5, now()) on conflict (id) do nothing")
                .setParameter(1, grant.grantId())
                .setParameter(2, tenantId)
                .setParameter(3, grant.amount())
                .setParameter(4, grant.source())
                .setParameter(5, grant.expiresAt())
                .executeUpdate() == 1;
    }

    /** The tenant's grants with credits left; callers hold the account lock. */
    public static List<Grant> live(String tenantId) {
        return list("tenantId = ?1 and remaining > 0", tenantId);
    }

    /** Every grant of the tenant: those with credits left in consumption order, then the used or expired ones. */
    public static List<Grant> ofTenant(String tenantId, int limit) {
        return find("tenantId = ?1 order by case when remaining > 0 then 0 else 1 end, expiresAt asc nulls last,"
                + " createdAt, id", tenantId).page(0, limit).list();
    }

    /** Tenants with a grant past its expiry that still has credits (the sweep's work list). */
    @SuppressWarnings("unchecked")
    public static List<String> tenantsWithDueGrants(Instant now, int limit) {
        return getEntityManager()
                .createNativeQuery("select distinct tenant_id from grants"
                        + " where remaining > 0 and expires_at is not null and expires_at <= ?1 limit ?2")
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    /** Records that ledger entry {@code ledgerId} took {@code amount} of this grant. */
    public void debit(long ledgerId, long amount) {
        remaining -= amount;
        if (remaining < 0) {
            throw new IllegalStateException("grant " + id + " would go below zero");
        }
        getEntityManager()
                .createNativeQuery("insert into grant_debits (ledger_id, grant_id, amount) values (?1, ?2, ?3)")
                .setParameter(1, ledgerId)
                .setParameter(2, id)
                .setParameter(3, amount)
                .executeUpdate();
    }

    public Bucket bucket() {
        return new Bucket(id, expiresAt, createdAt, remaining);
    }

    /** True if {@code grant} repeats this one, so answering with this one is the idempotent reply. */
    public boolean sameAs(String tenantId, NewGrant grant) {
        return this.tenantId.equals(tenantId) && amount == grant.amount() && source.equals(grant.source())
                && Objects.equals(expiresAt, grant.expiresAt());
    }
}
