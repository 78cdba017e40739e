package io.lamina.webhook.service;

import java.time.Instant;

/**
 * A due message taken out of the queue under a lease until {@code leaseUntil}: no other claim sees it until then, and
 * the result of this attempt is recorded only while the lease is still the one this claim set.
 */
public record ClaimedMessage(String id, String tenantId, String jobId, String url, String payload, int attemptNo,
                             String secret, Instant leaseUntil) {
}
