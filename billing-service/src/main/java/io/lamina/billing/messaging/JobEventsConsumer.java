package io.lamina.billing.messaging;

import io.lamina.billing.service.JobEventHandler;
import io.lamina.contracts.jobs.JobEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Optional;

/**
 * Transport for {@code lamina.jobs.events}: parse, then hand over to {@link JobEventHandler}. Records that cannot be
 * parsed (IllegalArgumentException from the parser) go to the dead-letter topic at once; a failed handling is retried
 * first, each time in a new transaction, because dead-lettering a job event would leave its job without a billing
 * decision.
 */
@ApplicationScoped
public class JobEventsConsumer {

    public static final String CHANNEL = "job-events";
    private static final Logger LOG = Logger.getLogger(JobEventsConsumer.class);

    private final JobEventParser parser;
    private final JobEventHandler handler;

    public JobEventsConsumer(JobEventParser parser, JobEventHandler handler) {
        this.parser = parser;
        this.handler = handler;
    }

    @Retry(maxRetries = 4, delay = 250, jitter = 100, abortOn = IllegalArgumentException.class)
    @Incoming(CHANNEL)
    @Blocking
    public void consume(String payload) {
        Optional<JobEvent> parsed = parser.parse(payload);
        if (parsed.isEmpty()) {
            LOG.debug("skipping a job event of a type billing does not handle");
            return;
        }
        JobEvent event = parsed.get();
        MDC.put("tenantId", event.tenantId());
        MDC.put("jobId", event.jobId());
        try {
            handler.handle(event);
        } catch (RuntimeException e) {
            LOG.warnf("handling a job event failed (retried, then dead-lettered): %s", e.toString());
            throw e;
        } finally {
            MDC.remove("tenantId");
            MDC.remove("jobId");
        }
    }
}
