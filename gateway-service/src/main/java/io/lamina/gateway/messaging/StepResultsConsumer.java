package io.lamina.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.ops.StepResult;
import io.lamina.gateway.service.JobCoordinator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.MDC;

/** Step results from every operation service, on {@code lamina.ops.results}. */
@ApplicationScoped
public class StepResultsConsumer {

    @Inject
    ObjectMapper mapper;

    @Inject
    JobCoordinator coordinator;

    /** A record that is not a step result throws here and goes to the dead-letter topic. */
    @Incoming("step-results")
    @Blocking
    public void consume(String json) throws Exception {
        StepResult result = mapper.readValue(json, StepResult.class);
        MDC.put("tenantId", result.tenantId());
        MDC.put("jobId", result.jobId());
        try {
            coordinator.onStepResult(result);
        } finally {
            MDC.remove("tenantId");
            MDC.remove("jobId");
        }
    }
}
