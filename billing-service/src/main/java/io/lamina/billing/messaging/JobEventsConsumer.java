package io.lamina.billing.messaging;

import io.lamina.billing.service.JobEventHandler;
import io.lamina.contracts.jobs.JobEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Optional;

/**
 * Transport for {@code lamina.jobs.events}: parse, then hand over to {@link JobEventHandler}. Records that cannot be
 * parsed throw and go to the dead-letter topic; a failed handling is retried a few times first, because
 * dead-lettering a job event would leave its job without a billing decision.
 */
@ApplicationScoped
public class JobEventsConsumer {

    public static final String CHANNEL = "job-events";
    private static final Logger LOG = Logger.getLogger(JobEventsConsumer.class);
    private static final int ATTEMPTS = 4;
    private static final long FIRST_BACKOFF_MS = 250;

    private final JobEventParser parser;
    private final JobEventHandler handler;

    public JobEventsConsumer(JobEventParser parser, JobEventHandler handler) {
        this.parser = parser;
        this.handler = handler;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String payload) throws InterruptedException {
        Optional<JobEvent> parsed = parser.parse(payload);
        if (parsed.isEmpty()) {
            LOG.debug("skipping a job event of a type billing does not handle");
            return;
        }
        JobEvent event = parsed.get();
        MDC.put("tenantId", event.tenantId());
        MDC.put("jobId", event.jobId());
        try {
            handleWithRetries(event);
        } finally {
            MDC.remove("tenantId");
            MDC.remove("jobId");
        }
    }

    /** Each attempt is its own transaction, rolled back on failure, so retrying cannot apply an event twice. */
    private void handleWithRetries(JobEvent event) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                handler.handle(event);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("handling event %s failed (attempt %d of %d), retrying: %s", event.eventId(), attempt,
                        ATTEMPTS, e.toString());
                Thread.sleep(FIRST_BACKOFF_MS << (attempt - 1));
            }
        }
    }
}
