package io.lamina.webhook.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Body of endpoint creation and update: {@code {url, event_types?, description?, enabled?}}. On update, absent fields
 * stay as they are; on creation {@code event_types} absent or null means every event type.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EndpointRequest(String url, List<String> eventTypes, String description, Boolean enabled) {
}
