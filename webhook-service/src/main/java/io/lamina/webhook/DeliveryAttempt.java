package io.lamina.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One try at delivering a message: what was answered, or what went wrong before an answer. */
@Entity
@Table(name = "attempts")
public class DeliveryAttempt extends PanacheEntityBase {

    /** Longest response body kept in the delivery log, in characters. */
    public static final int BODY_LIMIT = 2048;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "delivery_id", nullable = false)
    public Long deliveryId;

    @Column(name = "attempt_no", nullable = false)
    public int attemptNo;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "response_body")
    public String responseBody;

    public String error;

    public static java.util.List<DeliveryAttempt> ofDelivery(long deliveryId) {
        return list("deliveryId = ?1 order by attemptNo", deliveryId);
    }
}
