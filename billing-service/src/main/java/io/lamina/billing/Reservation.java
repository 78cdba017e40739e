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

    public Instant createdAt;

    public Instant closedAt;

    public static Reservation open(String tenantId, String jobId, long amount) {
        Reservation r = new Reservation();
        r.jobId = jobId;
        r.tenantId = tenantId;
        r.amount = amount;
        r.held = amount;
        r.captured = 0;
        r.status = OPEN;
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
}
