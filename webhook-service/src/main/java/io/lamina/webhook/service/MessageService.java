package io.lamina.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.billing.CreditsLow;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.outbox.Inbox;
import io.lamina.webhook.Delivery;
import io.lamina.webhook.Endpoint;
import io.lamina.webhook.WebhookMessage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores a webhook message per event, with one delivery per destination: each enabled endpoint of the tenant that
 * subscribes to the event type, and the job's own {@code webhook_url}. Destinations are fixed when the event arrives.
 */
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
     * Stores the message a job event calls for, due now. Returns the new message's id, or empty when the event needs
     * no webhook (no destination) or was handled before (a redelivery).
     */
    public Optional<String> accept(JobEvent event) {
        Optional<WebhookPayloads.Payload> payload = payloads.of(event);
        if (payload.isEmpty() || !inbox.firstDelivery(event.eventId())) {
            return Optional.empty();
        }
        return store(payload.get(), false);
    }

    /** Like {@link #accept(JobEvent)} for billing's {@code credits.low}. */
    public Optional<String> accept(CreditsLow event) {
        if (!inbox.firstDelivery(event.eventId())) {
            return Optional.empty();
        }
        return store(payloads.of(event), false);
    }

    /** The {@code endpoint.disabled} message; kept (and listed) even when no endpoint subscribes to it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String storeOperational(String tenantId, String endpointId, String url, String reason, Instant failingSince,
                                   Instant now) {
        return store(payloads.endpointDisabled(UUID.randomUUID().toString(), now, tenantId, endpointId, url, reason,
                failingSince), true).orElseThrow();
    }

    private Optional<String> store(WebhookPayloads.Payload p, boolean keepWithoutDestination) {
        List<Endpoint> endpoints = Endpoint.<Endpoint>list("tenantId = ?1 and enabled = true order by createdAt, id",
                p.tenantId()).stream().filter(e -> e.wants(p.eventType())).toList();
        if (endpoints.isEmpty() && p.jobUrl() == null && !keepWithoutDestination) {
            return Optional.empty();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        WebhookMessage m = new WebhookMessage();
        m.id = WebhookMessage.idFor(p.eventId());
        m.tenantId = p.tenantId();
        m.jobId = p.jobId();
        m.eventType = p.eventType();
        m.payload = p.json();
        m.createdAt = now;
        m.persist();
        for (Endpoint e : endpoints) {
            Delivery.pending(m.id, Delivery.TO_ENDPOINT, e.id, e.url, now).persist();
        }
        if (p.jobUrl() != null) {
            Delivery.pending(m.id, Delivery.TO_JOB_URL, null, p.jobUrl(), now).persist();
        }
        return Optional.of(m.id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WebhookMessage> list(String tenantId, Optional<String> jobId) {
        return jobId.map(j -> WebhookMessage.ofJob(tenantId, j))
                .orElseGet(() -> WebhookMessage.latestOfTenant(tenantId, LIST_LIMIT));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<WebhookMessage> find(String tenantId, String messageId) {
        WebhookMessage m = WebhookMessage.findById(messageId);
        return m == null || !m.tenantId.equals(tenantId) ? Optional.empty() : Optional.of(m);
    }
}
