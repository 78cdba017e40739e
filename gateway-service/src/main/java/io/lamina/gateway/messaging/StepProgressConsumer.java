package io.lamina.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.ops.StepProgress;
import io.lamina.gateway.service.JobCoordinator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Progress of running steps, on {@code lamina.ops.progress}: shown in the job's step views and its event stream. */
@ApplicationScoped
public class StepProgressConsumer {

    private static final Logger LOG = Logger.getLogger(StepProgressConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    JobCoordinator coordinator;

    @Incoming("step-progress")
    @Blocking
    public void consume(String json) {
        try {
            coordinator.onProgress(mapper.readValue(json, StepProgress.class));
        } catch (Exception e) {
            LOG.debugf("progress record skipped: %s", e.toString());
        }
    }
}
