package io.lamina.webhook.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.webhook.Delivery;
import io.lamina.webhook.DeliveryAttempt;
import io.lamina.webhook.WebhookMessage;

import java.time.Instant;
import java.util.List;

/** A message with its payload and the delivery log: every attempt to every destination. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageDetailView(String id, String jobId, String eventType, Instant createdAt, JsonNode payload,
                                List<DeliveryLog> deliveries) {

    static MessageDetailView of(WebhookMessage m, JsonNode payload) {
        return new MessageDetailView(m.id, m.jobId, m.eventType, m.createdAt, payload,
                Delivery.ofMessage(m.id).stream().map(DeliveryLog::of).toList());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeliveryLog(long id, String destination, String endpointId, String url, String status, int attempts,
                              Instant nextAttemptAt, Instant deliveredAt, String lastError, List<AttemptView> attemptLog) {

        static DeliveryLog of(Delivery d) {
            return new DeliveryLog(d.id, d.destination, d.endpointId, d.url, d.status.wire(), d.attempts,
                    d.nextAttemptAt, d.deliveredAt, d.lastError,
                    DeliveryAttempt.ofDelivery(d.id).stream().map(AttemptView::of).toList());
        }
    }

    /** One attempt: when, how long, what came back (the body cut to 2,048 characters), or what went wrong. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AttemptView(int attemptNo, Instant startedAt, long latencyMs, Integer responseStatus,
                              String responseBody, String error) {

        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.attemptNo, a.startedAt, a.latencyMs, a.responseStatus, a.responseBody, a.error);
        }
    }
}
