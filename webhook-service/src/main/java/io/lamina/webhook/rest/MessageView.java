package io.lamina.webhook.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.webhook.Delivery;
import io.lamina.webhook.WebhookMessage;

import java.time.Instant;
import java.util.List;

/** A webhook message and where it goes, as the gateway shows it in lists; the payload stays inside. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageView(String id, String jobId, String eventType, Instant createdAt, List<DeliveryView> deliveries) {

    static MessageView of(WebhookMessage m) {
        return new MessageView(m.id, m.jobId, m.eventType, m.createdAt,
                Delivery.ofMessage(m.id).stream().map(DeliveryView::of).toList());
    }

    /** One destination of a message and how far its delivery got. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeliveryView(long id, String destination, String endpointId, String url, String status, int attempts,
                               Instant nextAttemptAt, Instant deliveredAt, String lastError) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id, d.destination, d.endpointId, d.url, d.status.wire(), d.attempts,
                    d.nextAttemptAt, d.deliveredAt, d.lastError);
        }
    }
}
