package io.lamina.webhook.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.webhook.Endpoint;
import io.lamina.webhook.service.EventTypes;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint as the tenant sees it. {@code secret} is set only in the answers to creation and rotation: it is shown
 * once.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(String id, String url, List<String> eventTypes, String description, boolean enabled,
                           String disabledReason, Instant failingSince, Instant previousSecretExpiresAt,
                           Instant createdAt, Instant updatedAt, String secret) {

    public static EndpointView of(Endpoint e, boolean withSecret) {
        return new EndpointView(e.id, e.url, e.eventTypes == null ? EventTypes.ALL : e.eventTypeList(), e.description,
                e.enabled, e.disabledReason, e.failingSince,
                e.previousSecret == null ? null : e.previousSecretExpiresAt, e.createdAt, e.updatedAt,
                withSecret ? e.secret : null);
    }
}
