package io.lamina.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;

public record StepView(String id, String operation, String status, int attempt, JsonNode output, UsageView usage,
                       ErrorView error) {
}
