package io.lamina.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.billing.CreditsLow;
import io.lamina.outbox.Inbox;
import io.lamina.webhook.Delivery;
import io.lamina.webhook.Endpoint;
import io.lamina.webhook.WebhookMessage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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

    @Inject
    AgroalDataSource dataSource;

    private WebhookPayloads payloads;

    @PostConstruct
    void init() {
        payloads = new WebhookPayloads(mapper);
    }

    /**
     * Stores the messages a batch of job events calls for (their bodies built by {@link WebhookPayloads#of}), all due
     * now, and returns them in the order given. An event whose tenant has no enabled endpoint subscribed to its type
     * and that names no {@code webhook_url} needs no webhook: nothing is written for it. The others are stored in one
     * transaction: their ids go into {@code processed_events} first, so an event handled before (a redelivered record,
     * or the same event twice in the batch) adds nothing.
     *
     * <p>The endpoints of all the batch's tenants are read in one query before the transaction (an endpoint created or
     * disabled meanwhile is taken as of that read, as a single event's would be as of its own). The common case, job
     * events of tenants without endpoints, thus costs one read and no write.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<Stored> acceptAll(List<WebhookPayloads.Payload> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Map<String, WebhookPayloads.Payload> byId = new LinkedHashMap<>();
        for (WebhookPayloads.Payload p : events) {
            byId.putIfAbsent(p.eventId(), p);
        }
        Map<String, List<EndpointRef>> endpoints = enabledEndpoints(
                byId.values().stream().map(WebhookPayloads.Payload::tenantId).collect(Collectors.toSet()));
        List<Planned> planned = new ArrayList<>();
        for (WebhookPayloads.Payload p : byId.values()) {
            List<EndpointRef> to = endpoints.getOrDefault(p.tenantId(), List.of()).stream()
                    .filter(e -> e.wants(p.eventType())).toList();
            if (!to.isEmpty() || p.jobUrl() != null) {
                planned.add(new Planned(p, to));
            }
        }
        if (planned.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> storeAll(planned));
    }

    /** Whether the database answers a trivial query now (tells a failing event from a database that is away). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select 1")) {
            ps.execute();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** A message stored by {@link #acceptAll}, with how many deliveries it got. */
    public record Stored(String messageId, String eventType, String tenantId, String jobId, int deliveries) {
    }

    /** The fields of an enabled endpoint that a new delivery needs. */
    private record EndpointRef(String id, String url, String eventTypes) {
        boolean wants(String eventType) {
            return eventTypes == null || Set.of(eventTypes.split(" ")).contains(eventType);
        }
    }

    private record Planned(WebhookPayloads.Payload payload, List<EndpointRef> endpoints) {
    }

    private Map<String, List<EndpointRef>> enabledEndpoints(Set<String> tenants) {
        Map<String, List<EndpointRef>> byTenant = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select tenant_id, id, url, event_types from endpoints"
                     + " where enabled and tenant_id = any (?) order by created_at, id")) {
            ps.setArray(1, c.createArrayOf("text", tenants.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byTenant.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                            .add(new EndpointRef(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the endpoints of " + tenants.size() + " tenants failed", e);
        }
        return byTenant;
    }

    private List<Stored> storeAll(List<Planned> planned) throws SQLException {
        List<Stored> stored = new ArrayList<>(planned.size());
        try (Connection c = dataSource.getConnection()) {
            Set<String> first = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("insert into processed_events (event_id)"
                    + " select unnest(?::text[]) on conflict do nothing returning event_id")) {
                ps.setArray(1, c.createArrayOf("text",
                        planned.stream().map(p -> p.payload().eventId()).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        first.add(rs.getString(1));
                    }
                }
            }
            if (first.isEmpty()) {
                return List.of();
            }
            // One microsecond apart, so that the tenant's message list keeps the order of the events.
            Instant base = Instant.now().truncatedTo(ChronoUnit.MICROS);
            int deliveries = 0;
            try (PreparedStatement msg = c.prepareStatement("insert into messages (id, tenant_id, job_id, event_type,"
                    + " payload, created_at) values (?, ?, ?, ?, ?, ?)");
                 PreparedStatement del = c.prepareStatement("insert into deliveries (message_id, destination,"
                         + " endpoint_id, url, status, attempts, round_attempts, next_attempt_at, created_at)"
                         + " values (?, ?, ?, ?, 'pending', 0, 0, ?, ?)")) {
                for (Planned pl : planned) {
                    WebhookPayloads.Payload p = pl.payload();
                    if (!first.contains(p.eventId())) {
                        continue;
                    }
                    String id = WebhookMessage.idFor(p.eventId());
                    OffsetDateTime now = OffsetDateTime.ofInstant(base.plus(stored.size(), ChronoUnit.MICROS), ZoneOffset.UTC);
                    msg.setString(1, id);
                    msg.setString(2, p.tenantId());
                    msg.setString(3, p.jobId());
                    msg.setString(4, p.eventType());
                    msg.setString(5, p.json());
                    msg.setObject(6, now);
                    msg.addBatch();
                    for (EndpointRef e : pl.endpoints()) {
                        addDelivery(del, id, Delivery.TO_ENDPOINT, e.id(), e.url(), now);
                    }
                    if (p.jobUrl() != null) {
                        addDelivery(del, id, Delivery.TO_JOB_URL, null, p.jobUrl(), now);
                    }
                    int n = pl.endpoints().size() + (p.jobUrl() != null ? 1 : 0);
                    deliveries += n;
                    stored.add(new Stored(id, p.eventType(), p.tenantId(), p.jobId(), n));
                }
                msg.executeBatch();
                if (deliveries > 0) {
                    del.executeBatch();
                }
            }
        }
        return stored;
    }

    private static void addDelivery(PreparedStatement del, String messageId, String destination, String endpointId,
                                    String url, OffsetDateTime now) throws SQLException {
        del.setString(1, messageId);
        del.setString(2, destination);
        del.setString(3, endpointId);
        del.setString(4, url);
        del.setObject(5, now);
        del.setObject(6, now);
        del.addBatch();
    }

    /** Stores the message of billing's {@code credits.low}, due now (one event, one transaction). */
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
