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

    /** The job's tenant, kept on the step so that fairness counts need no join. */
    public java.util.UUID tenantId;

    /** Set while the step is ready but waits for a free slot of its tenant and operation. */
    public Instant readySince;

    /** A fan-out step's {@code for_each} reference as JSON; null for other steps. */
    public String forEach;

    /** On an item step of a fan-out: the fan-out step's id. */
    public String parentStepId;

    /** On an item step of a fan-out: the item's position in the array. */
    public Integer itemIndex;

    /** How long the operation ran for the attempt that finished the step (its own report), in milliseconds. */
    public Long runMillis;

    /** Progress the operation reported for the running attempt. */
    public Long progressDone;

    public Long progressTotal;

    public String progressUnit;

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
