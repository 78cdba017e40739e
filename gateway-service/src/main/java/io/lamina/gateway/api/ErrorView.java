package io.lamina.gateway.api;

public record ErrorView(String code, String message, Boolean retryable) {
}
