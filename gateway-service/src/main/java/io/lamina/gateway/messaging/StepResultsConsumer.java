package io.lamina.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.ops.StepResult;
import io.lamina.gateway.service.FairDispatcher;
import io.lamina.gateway.service.JobCoordinator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/** Step results from every operation service, on {@code lamina.ops.results}. */
@ApplicationScoped
public class StepResultsConsumer {

    private static final Logger LOG = Logger.getLogger(StepResultsConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    JobCoordinator coordinator;

    @Inject
    FairDispatcher fairDispatcher;

    /**
     * A failed handling (say the database is briefly away) is retried, each time in a new transaction, before the
     * record is dead-lettered; a record that cannot be parsed is dead-lettered at once.
     */
    @Retry(maxRetries = 4, delay = 250, jitter = 100, abortOn = JsonProcessingException.class)
    @Incoming("step-results")
    @Blocking(value = "coordinator-workers", ordered = false)
    public void consume(String json) throws Exception {
        StepResult result = mapper.readValue(json, StepResult.class);
        MDC.put("tenantId", result.tenantId());
        MDC.put("jobId", result.jobId());
        try {
            coordinator.onStepResult(result);
        } catch (RuntimeException e) {
            LOG.warnf("handling a step result failed (retried, then dead-lettered): %s", e.toString());
            throw e;
        } finally {
            MDC.remove("tenantId");
            MDC.remove("jobId");
        }
        // The finished step freed one of its tenant's slots: a step that waits for it goes out now, each in its own
        // transaction (the result's transaction has committed), instead of at the next sweep.
        fairDispatcher.refill(java.util.UUID.fromString(result.tenantId()));
    }
}
