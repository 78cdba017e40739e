package io.lamina.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.submissions.JobSubmission;
import io.lamina.gateway.service.JobSubmissions;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/** Job submissions from internal integrators, on {@code lamina.jobs.submissions}. */
@ApplicationScoped
public class JobSubmissionsConsumer {

    private static final Logger LOG = Logger.getLogger(JobSubmissionsConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    JobSubmissions submissions;

    /**
     * A failed handling (say the database is briefly away) is retried, each time in a new transaction, before the
     * record is dead-lettered; a record that is not a submission at all is dead-lettered at once.
     */
    @Retry(maxRetries = 4, delay = 250, jitter = 100, abortOn = JsonProcessingException.class)
    @Incoming("job-submissions")
    @Blocking
    public void consume(String json) throws JsonProcessingException {
        JobSubmission submission = mapper.readValue(json, JobSubmission.class);
        if (submission == null) {
            throw new com.fasterxml.jackson.databind.JsonMappingException(null, "record is JSON null");
        }
        MDC.put("tenantId", String.valueOf(submission.tenantId()));
        try {
            submissions.handle(submission);
        } catch (RuntimeException e) {
            LOG.warnf("handling a job submission failed (retried, then dead-lettered): %s", e.toString());
            throw e;
        } finally {
            MDC.remove("tenantId");
        }
    }
}
