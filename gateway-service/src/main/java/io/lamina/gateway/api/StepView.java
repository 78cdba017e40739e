package io.lamina.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code parent} and {@code item}: set on the item steps of a fan-out step. {@code runMs}: how long the operation
 * itself ran for the finishing attempt (without queueing and transport).
 */
public record StepView(String id, String operation, String status, int attempt, ProgressView progress,
                       JsonNode output, UsageView usage, ErrorView error, String parent, Integer item, Long runMs) {
}
