package io.lamina.billing;

import io.lamina.billing.service.Charges.Pool;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A tenant's credit pool. Changed only under {@link #lock}, through {@link Pool} arithmetic. */
@Entity
@Table(name = "accounts")
public class Account extends PanacheEntityBase {

    @Id
    public String tenantId;

    public long balance;

    public long reserved;

    public Instant updatedAt;

    public Pool pool() {
        return new Pool(balance, reserved);
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
     * lock, so concurrent reservations, captures and grants of one tenant apply one after another.
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
