package io.lamina.contracts.jobs;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;

/**
 * One record of the job event log ({@code lamina.jobs.events}, key: job id), published by gateway-service through its
 * outbox. The {@code type} property names the fact; every record carries the envelope below.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JobSubmitted.class, name = JobSubmitted.TYPE),
        @JsonSubTypes.Type(value = StepSucceeded.class, name = StepSucceeded.TYPE),
        @JsonSubTypes.Type(value = StepFailed.class, name = StepFailed.TYPE),
        @JsonSubTypes.Type(value = JobCompleted.class, name = JobCompleted.TYPE),
        @JsonSubTypes.Type(value = JobFailed.class, name = JobFailed.TYPE),
        @JsonSubTypes.Type(value = JobCancelled.class, name = JobCancelled.TYPE),
        @JsonSubTypes.Type(value = JobRejected.class, name = JobRejected.TYPE),
})
public sealed interface JobEvent
        permits JobSubmitted, StepSucceeded, StepFailed, JobCompleted, JobFailed, JobCancelled, JobRejected {

    /** Schema version of every record on this topic. */
    int VERSION = 1;

    /** Unique per event; consumers store it to skip redeliveries. */
    String eventId();

    int version();

    Instant time();

    String tenantId();

    String jobId();
}
