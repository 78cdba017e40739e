package io.lamina.gateway;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "steps")
public class Step extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "job_id")
    public Job job;

    public String stepId;

    public int position;

    public String operation;

    public String status;

    /** The step's params as JSON, with file inputs already turned into blob references. */
    public String params;

    public String paramsBlobId;

    public long estimatedUnits;

    public int attempt;

    public String output;

    public Long usageUnits;

    public String usageUnit;

    public String errorCode;

    public String errorMessage;

    public Boolean errorRetryable;

    /** Comma-separated ids of the steps whose outputs this step's params reference. */
    public String dependsOn;

    public int maxAttempts;

    public long attemptTimeoutMs;

    /** When the running attempt counts as timed out. */
    public Instant attemptDeadline;

    /** When a step waiting after a failed attempt is dispatched again. */
    public Instant nextAttemptAt;

    public Instant startedAt;

    public Instant finishedAt;

    public java.util.List<String> dependencies() {
        return dependsOn == null || dependsOn.isEmpty() ? java.util.List.of() : java.util.List.of(dependsOn.split(","));
    }

    public boolean isFinished() {
        return Status.isTerminal(status);
    }
}
