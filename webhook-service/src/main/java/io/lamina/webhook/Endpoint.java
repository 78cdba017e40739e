package io.lamina.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** A tenant's webhook endpoint: a URL, the event types it wants, and its signing secret(s). */
@Entity
@Table(name = "endpoints")
public class Endpoint extends PanacheEntityBase {

    public static final String ID_PREFIX = "ep_";

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String url;

    @Column(nullable = false)
    public String description;

    /** Space-separated event types; null means every event type. */
    @Column(name = "event_types")
    public String eventTypes;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The subscribed types, or null for all. */
    public List<String> eventTypeList() {
        return eventTypes == null ? null : Arrays.asList(eventTypes.split(" "));
    }

    public boolean wants(String eventType) {
        return eventTypes == null || Set.of(eventTypes.split(" ")).contains(eventType);
    }

    public static List<Endpoint> ofTenant(String tenantId) {
        return list("tenantId = ?1 order by createdAt, id", tenantId);
    }

    public static long countOfTenant(String tenantId) {
        return count("tenantId", tenantId);
    }
}
