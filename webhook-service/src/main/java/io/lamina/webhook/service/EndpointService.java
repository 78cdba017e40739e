package io.lamina.webhook.service;

import io.lamina.net.UrlCheck;
import io.lamina.net.UrlGuard;
import io.lamina.problem.ApiException;
import io.lamina.webhook.Endpoint;
import io.lamina.webhook.config.WebhookConfig;
import io.lamina.webhook.rest.EndpointRequest;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A tenant's endpoints: creation (the secret is shown once), changes, deletion, secret rotation, disabling. */
@ApplicationScoped
@Transactional
public class EndpointService {

    private static final Logger LOG = Logger.getLogger(EndpointService.class);
    static final int MAX_DESCRIPTION = 500;

    @Inject
    EntityManager em;

    @Inject
    WebhookConfig config;

    @Inject
    MessageService messages;

    private UrlGuard guard;

    @PostConstruct
    void init() {
        guard = UrlGuard.allowing(config.allowedHosts().orElse(List.of()));
    }

    public Endpoint create(String tenantId, EndpointRequest request) {
        if (request == null) {
            throw invalid("body: {\"url\", \"event_types\"?, \"description\"?, \"enabled\"?}");
        }
        // One tenant's creations are serialised so the endpoint limit holds under concurrent calls.
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) locked")
                .setParameter(1, "endpoints:" + tenantId).getSingleResult();
        if (Endpoint.countOfTenant(tenantId) >= config.maxEndpointsPerTenant()) {
            throw ApiException.unprocessable("limit_exceeded", "a tenant may have at most "
                    + config.maxEndpointsPerTenant() + " endpoints (lamina.webhooks.max-endpoints-per-tenant)");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Endpoint e = new Endpoint();
        e.id = Endpoint.ID_PREFIX + UUID.randomUUID().toString().replace("-", "");
        e.tenantId = tenantId;
        e.url = checkedUrl(request.url());
        e.eventTypes = eventTypes(request.eventTypes());
        e.description = description(request.description());
        e.enabled = request.enabled() == null || request.enabled();
        e.secret = StandardWebhookSigner.newSecret();
        e.createdAt = now;
        e.updatedAt = now;
        e.persist();
        return e;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Endpoint> list(String tenantId) {
        return Endpoint.ofTenant(tenantId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Endpoint> find(String tenantId, String endpointId) {
        Endpoint e = Endpoint.findById(endpointId);
        return e == null || !e.tenantId.equals(tenantId) ? Optional.empty() : Optional.of(e);
    }

    /** Changes what the request names. Enabling clears the failure streak; disabling drops pending deliveries. */
    public Optional<Endpoint> update(String tenantId, String endpointId, EndpointRequest request) {
        if (request == null) {
            throw invalid("body: {\"url\"?, \"event_types\"?, \"description\"?, \"enabled\"?}");
        }
        Optional<Endpoint> found = locked(tenantId, endpointId);
        found.ifPresent(e -> {
            if (request.url() != null) {
                e.url = checkedUrl(request.url());
            }
            if (request.eventTypes() != null) {
                e.eventTypes = eventTypes(request.eventTypes());
            }
            if (request.description() != null) {
                e.description = description(request.description());
            }
            if (request.enabled() != null && request.enabled() != e.enabled) {
                if (request.enabled()) {
                    e.enabled = true;
                    e.disabledReason = null;
                    e.failingSince = null;
                } else {
                    e.enabled = false;
                    e.disabledReason = "disabled by the tenant";
                    dropPending(e.id, "endpoint disabled by the tenant");
                }
            }
            e.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        });
        return found;
    }

    /** Deletes the endpoint; its pending deliveries are dropped ({@code dead}), its delivery log stays. */
    public boolean delete(String tenantId, String endpointId) {
        Optional<Endpoint> found = locked(tenantId, endpointId);
        found.ifPresent(e -> {
            dropPending(e.id, "endpoint deleted");
            e.delete();
        });
        return found.isPresent();
    }

    /**
     * A new secret signs from now on; the current one keeps signing alongside it (a second {@code v1,} entry) for
     * {@code overlap}, or the configured default. The answer carries the new secret: it is shown this once.
     */
    public Optional<Endpoint> rotate(String tenantId, String endpointId, Optional<Duration> overlap) {
        Duration d = overlap.orElse(config.rotationOverlap());
        if (d.isNegative() || d.compareTo(config.maxRotationOverlap()) > 0) {
            throw invalid("overlap_seconds must be between 0 and " + config.maxRotationOverlap().toSeconds()
                    + " (lamina.webhooks.max-rotation-overlap)");
        }
        Optional<Endpoint> found = locked(tenantId, endpointId);
        found.ifPresent(e -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            e.previousSecret = d.isZero() ? null : e.secret;
            e.previousSecretExpiresAt = d.isZero() ? null : now.plus(d);
            e.secret = StandardWebhookSigner.newSecret();
            e.updatedAt = now;
        });
        return found;
    }

    /**
     * Disables an endpoint the service gave up on (410 Gone, or failing longer than
     * {@code lamina.webhooks.disable-after}), drops its pending deliveries, logs it and announces it as an
     * {@code endpoint.disabled} message (delivered to the tenant's other endpoints that subscribe to it, and listed
     * with the tenant's messages in any case). Does nothing when the endpoint is already disabled.
     */
    public void disable(String endpointId, String reason) {
        Endpoint e = em.find(Endpoint.class, endpointId, LockModeType.PESSIMISTIC_WRITE);
        if (e == null || !e.enabled) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.enabled = false;
        e.disabledReason = reason;
        e.updatedAt = now;
        int dropped = dropPending(e.id, "endpoint disabled: " + reason);
        LOG.warnf("endpoint %s of tenant %s (%s) disabled: %s; %d pending deliveries dropped", e.id, e.tenantId,
                e.url, reason, dropped);
        String id = messages.storeOperational(e.tenantId, e.id, e.url, reason, e.failingSince, now);
        LOG.infof("stored operational message %s (endpoint.disabled) for endpoint %s", id, e.id);
    }

    private Optional<Endpoint> locked(String tenantId, String endpointId) {
        Endpoint e = em.find(Endpoint.class, endpointId, LockModeType.PESSIMISTIC_WRITE);
        return e == null || !e.tenantId.equals(tenantId) ? Optional.empty() : Optional.of(e);
    }

    private int dropPending(String endpointId, String why) {
        return em.createNativeQuery("update deliveries set status = 'dead', next_attempt_at = null, last_error = ?2 "
                        + "where endpoint_id = ?1 and status = 'pending'")
                .setParameter(1, endpointId)
                .setParameter(2, why)
                .executeUpdate();
    }

    private String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("url is required");
        }
        String u = url.trim();
        if (u.length() > config.maxUrlLength()) {
            throw invalid("url is longer than " + config.maxUrlLength() + " characters (lamina.webhooks.max-url-length)");
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw invalid("url is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid("url must be an absolute http or https URL");
        }
        // A host that does not resolve yet is accepted (DNS may come later); every attempt is checked again.
        if (guard.check(u) instanceof UrlCheck.Unsafe unsafe) {
            throw ApiException.unprocessable("unsafe_url", "url is not allowed: " + unsafe.reason());
        }
        return u;
    }

    private static String eventTypes(List<String> types) {
        if (types == null) {
            return null;
        }
        if (types.isEmpty()) {
            throw invalid("event_types must name at least one type, or be left out for every type: " + EventTypes.ALL);
        }
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String t : types) {
            if (t == null || !EventTypes.known(t)) {
                throw invalid("unknown event type '" + t + "'; known: " + EventTypes.ALL);
            }
            set.add(t);
        }
        return String.join(" ", set);
    }

    private static String description(String d) {
        if (d == null) {
            return "";
        }
        if (d.length() > MAX_DESCRIPTION) {
            throw invalid("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        return d;
    }

    private static ApiException invalid(String detail) {
        return ApiException.unprocessable("invalid_endpoint", detail);
    }
}
