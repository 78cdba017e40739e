package io.lamina.webhook.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.StepFailed;
import io.lamina.webhook.delivery.Dispatcher;
import io.lamina.webhook.service.MessageService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Set;

/**
 * Transport for {@code lamina.jobs.events}: parses the job-ended and step-failed records and hands them to
 * {@link MessageService}.
 * Other types, including ones this version does not know, are skipped unparsed. A record that is not JSON, or a
 * record of those types that does not fit its contract, is thrown back, which sends it to {@code lamina.jobs.events.dlq}.
 */
@ApplicationScoped
public class JobEventsConsumer {

    public static final String CHANNEL = "job-events";
    private static final Set<String> DELIVERED_TYPES = Set.of(JobCompleted.TYPE, JobFailed.TYPE, JobCancelled.TYPE,
            StepFailed.TYPE);
    private static final Logger LOG = Logger.getLogger(JobEventsConsumer.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    MessageService messages;

    @Inject
    Dispatcher dispatcher;


    /**
     * A failed handling (say the database is briefly away) is retried, each time in a new transaction, before the
     * record is dead-lettered; a record that cannot be parsed is dead-lettered at once.
     */
    @Retry(maxRetries = 4, delay = 250, jitter = 100, abortOn = JsonProcessingException.class)
    @Incoming(CHANNEL)
    @Blocking
    public void consume(String json) throws JsonProcessingException {
        JsonNode tree = mapper.readTree(json);
        if (!DELIVERED_TYPES.contains(tree.path("type").asText())) {
            return;
        }
        JobEvent event = mapper.treeToValue(tree, JobEvent.class);
        MDC.put("jobId", event.jobId());
        MDC.put("tenantId", event.tenantId());
        try {
            messages.accept(event).ifPresent(id -> {
                LOG.infof("stored webhook message %s for %s", id, event.getClass().getSimpleName());
                dispatcher.wake();
            });
        } finally {
            MDC.remove("jobId");
            MDC.remove("tenantId");
        }
    }
}
