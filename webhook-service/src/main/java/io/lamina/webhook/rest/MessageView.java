package io.lamina.webhook.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.webhook.WebhookMessage;

import java.time.Instant;

/** A webhook message as the gateway shows it; the payload and the delivery log stay inside. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageView(String id, String jobId, String eventType, String url, String status, int attempts,
                          Instant createdAt, Instant deliveredAt) {

    static MessageView of(WebhookMessage m) {
        return new MessageView(m.id, m.jobId, m.eventType, m.url, m.status.wire(), m.attempts, m.createdAt,
                m.deliveredAt);
    }
}
