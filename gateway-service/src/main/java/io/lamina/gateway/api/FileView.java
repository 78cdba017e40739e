package io.lamina.gateway.api;

import java.time.Instant;

public record FileView(String id, String name, String mimeType, long size, Instant createdAt) {
}
