package io.lamina.gateway.api;

import java.time.Instant;

/** The only response that ever contains the key itself. */
public record CreatedKeyView(String id, String tenantId, String name, String key, String prefix, Instant createdAt) {
}
