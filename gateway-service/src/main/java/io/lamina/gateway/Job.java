package io.lamina.gateway;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID tenantId;

    public String status;

    public String webhookUrl;

    public String errorCode;

    public String errorMessage;

    public Instant createdAt;

    public Instant updatedAt;

    public Instant finishedAt;

    /** Past this instant an unfinished job fails with {@code job_timeout}. */
    public Instant deadline;

    @OneToMany(mappedBy = "job", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Step> steps = new ArrayList<>();

    public boolean isFinished() {
        return Status.isTerminal(status);
    }

    public static Optional<Job> findOwned(UUID id, UUID tenantId) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResultOptional();
    }

    /** Row-locks the job: results, billing decisions and cancellation of one job are applied one at a time. */
    public static Optional<Job> lock(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }
}
