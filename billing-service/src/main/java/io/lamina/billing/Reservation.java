package io.lamina.billing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** Credits held for one job from submission until it ends; captures take from {@code held} first. */
@Entity
@Table(name = "reservations")
public class Reservation extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    @Id
    public String jobId;

    public String tenantId;

    public long amount;

    public long held;

    public long captured;

    public String status;

    /** The API key that submitted the job (REST jobs), for its budget. */
    public String apiKeyId;

    /** When the job was submitted: the budget period it counts in. */
    public Instant periodTime;

    public Instant createdAt;

    public Instant closedAt;

    public static Reservation open(String tenantId, String jobId, long amount, String apiKeyId, Instant periodTime) {
        Reservation r = new Reservation();
        r.jobId = jobId;
        r.tenantId = tenantId;
        r.amount = amount;
        r.held = amount;
        r.captured = 0;
        r.status = OPEN;
        r.apiKeyId = apiKeyId;
        r.periodTime = periodTime;
        r.createdAt = Instant.now();
        return r;
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    public void close() {
        held = 0;
        status = CLOSED;
        closedAt = Instant.now();
    }

    public static Optional<Reservation> find(String jobId) {
        return findByIdOptional(jobId);
    }

    /** Row-locks the job's reservation; callers lock the tenant's {@link Account} first. */
    public static Optional<Reservation> lock(String jobId) {
        return findByIdOptional(jobId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** What the key's jobs submitted in [from, to) have been charged plus what they still hold. */
    public static long spentByKey(String tenantId, String apiKeyId, Instant from, Instant to) {
        Object sum = getEntityManager().createNativeQuery("select coalesce(sum(captured + held), 0) from reservations"
                        + " where api_key_id = ?1 and tenant_id = ?2 and period_time >= ?3 and period_time < ?4")
                .setParameter(1, apiKeyId)
                .setParameter(2, tenantId)
                .setParameter(3, from)
                .setParameter(4, to)
                .getSingleResult();
        return ((Number) sum).longValue();
    }
}
