package io.lamina.gateway.api;

public record UsageView(long units, String unit) {
}
