package io.lamina.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A message on its way to one destination: a tenant endpoint or the job's {@code webhook_url}. */
@Entity
@Table(name = "deliveries")
public class Delivery extends PanacheEntityBase {

    public static final String TO_ENDPOINT = "endpoint";
    public static final String TO_JOB_URL = "job_url";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "endpoint_id")
    public String endpointId;

    @Column(nullable = false)
    public String destination;

    @Column(nullable = false)
    public String url;

    @Column(nullable = false)
    public MessageStatus status;

    /** Attempts ever made; numbers the delivery log. */
    @Column(nullable = false)
    public int attempts;

    /** Attempts of the current retry schedule; a replay starts a new one. */
    @Column(name = "round_attempts", nullable = false)
    public int roundAttempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    public static Delivery pending(String messageId, String destination, String endpointId, String url, Instant now) {
        Delivery d = new Delivery();
        d.messageId = messageId;
        d.destination = destination;
        d.endpointId = endpointId;
        d.url = url;
        d.status = MessageStatus.PENDING;
        d.createdAt = now;
        d.nextAttemptAt = now;
        return d;
    }

    public static List<Delivery> ofMessage(String messageId) {
        return list("messageId = ?1 order by id", messageId);
    }
}
