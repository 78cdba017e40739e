package io.lamina.gateway.api;

import java.time.Instant;

public record TenantView(String id, String name, Instant createdAt) {
}
