package io.lamina.webhook.service;

import io.lamina.contracts.billing.CreditsLow;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.StepFailed;

import java.util.List;

/** The event types endpoints can subscribe to. */
public final class EventTypes {

    /** Operational event: one of the tenant's endpoints was disabled (410 Gone, or failing for too long). */
    public static final String ENDPOINT_DISABLED = "endpoint.disabled";

    public static final List<String> ALL = List.of(JobCompleted.TYPE, JobFailed.TYPE, JobCancelled.TYPE,
            StepFailed.TYPE, CreditsLow.TYPE, ENDPOINT_DISABLED);

    private EventTypes() {
    }

    public static boolean known(String type) {
        return ALL.contains(type);
    }
}
