package io.lamina.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * One event to announce, with its exact signed body; its id is the {@code webhook-id} header of every attempt to every
 * destination (see {@link Delivery}).
 */
@Entity
@Table(name = "messages")
public class WebhookMessage extends PanacheEntityBase {

    public static final String ID_PREFIX = "msg_";

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** The job the event is about; null for events that are not about one job ({@code credits.low}, …). */
    @Column(name = "job_id")
    public String jobId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static String idFor(String eventId) {
        return ID_PREFIX + eventId;
    }

    public static List<WebhookMessage> ofJob(String tenantId, String jobId) {
        return list("tenantId = ?1 and jobId = ?2 order by createdAt", tenantId, jobId);
    }

    public static List<WebhookMessage> latestOfTenant(String tenantId, int limit) {
        return find("tenantId = ?1 order by createdAt desc", tenantId).page(0, limit).list();
    }
}
