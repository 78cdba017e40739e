package io.lamina.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.outbox.Inbox;
import io.lamina.webhook.MessageStatus;
import io.lamina.webhook.WebhookMessage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores webhook messages for job events and answers questions about them. */
@ApplicationScoped
@Transactional
public class MessageService {

    /** Messages listed for a tenant when no job is named. */
    static final int LIST_LIMIT = 100;

    @Inject
    Inbox inbox;

    @Inject
    ObjectMapper mapper;

    private WebhookPayloads payloads;

    @PostConstruct
    void init() {
        payloads = new WebhookPayloads(mapper);
    }

    /**
     * Stores the webhook message an event calls for, due now. Returns the new message's id, or empty when the event
     * needs no webhook or was handled before (a redelivery).
     */
    public Optional<String> accept(JobEvent event) {
        Optional<WebhookPayloads.Payload> payload = payloads.of(event);
        if (payload.isEmpty() || !inbox.firstDelivery(event.eventId())) {
            return Optional.empty();
        }
        WebhookPayloads.Payload p = payload.get();
        WebhookMessage m = new WebhookMessage();
        m.id = WebhookMessage.idFor(p.eventId());
        m.tenantId = p.tenantId();
        m.jobId = p.jobId();
        m.eventType = p.eventType();
        m.url = p.url();
        m.payload = p.json();
        m.status = MessageStatus.PENDING;
        m.attempts = 0;
        m.createdAt = Instant.now();
        m.nextAttemptAt = m.createdAt;
        m.persist();
        return Optional.of(m.id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WebhookMessage> list(String tenantId, Optional<String> jobId) {
        return jobId.map(j -> WebhookMessage.ofJob(tenantId, j))
                .orElseGet(() -> WebhookMessage.latestOfTenant(tenantId, LIST_LIMIT));
    }
}
