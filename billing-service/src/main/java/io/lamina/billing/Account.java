package io.lamina.billing;

import io.lamina.billing.service.Charges.Pool;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A tenant's credit pool: a cache of the ledger's sums ({@code balance} = grants − captures − expiries,
 * {@code reserved} = holds still open), changed only under {@link #lock}, in the transaction that appends the ledger
 * entries explaining the change, through {@link Pool} arithmetic.
 */
@Entity
@Table(name = "accounts")
public class Account extends PanacheEntityBase {

    @Id
    public String tenantId;

    public long balance;

    public long reserved;

    public Instant updatedAt;

    /** The tenant's credits.low threshold; null: the configured default. */
    public Long lowThreshold;

    /** Whether the available balance was at or above the threshold when last looked at (credits.low once per crossing). */
    public boolean aboveLow;

    /** The earliest expiry among the grants with credits left (possibly past, while expired credits back holds). */
    public Instant nextExpiry;

    public Pool pool() {
        return new Pool(balance, reserved);
    }

    public long available() {
        return balance - reserved;
    }

    public void apply(Pool pool) {
        balance = pool.balance();
        reserved = pool.reserved();
        updatedAt = Instant.now();
    }

    public static Optional<Account> find(String tenantId) {
        return findByIdOptional(tenantId);
    }

    /**
     * Row-locks the tenant's account, creating it empty first if needed. Every change to a pool goes through this
     * lock, so concurrent reservations, captures, grants and expiries of one tenant apply one after another.
     */
    public static Account lock(String tenantId) {
        getEntityManager()
                .createNativeQuery("insert into accounts (tenant_id, balance, reserved, updated_at)"
                        + " values (?1, 0, 0, now()) on conflict do nothing")
                .setParameter(1, tenantId)
                .executeUpdate();
        return findById(tenantId, LockModeType.PESSIMISTIC_WRITE);
    }
}
