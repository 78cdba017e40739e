package io.lamina.webhook.service;

import java.time.Instant;
import java.util.List;

/**
 * A due delivery taken out of the queue under a lease until {@code leaseUntil}: no other claim sees it until then, and
 * the result of this attempt is recorded only while the lease is still the one this claim set. {@code id} is the
 * message id (the {@code webhook-id}); {@code secrets} sign it, newest first; {@code endpointId} is null for a job's
 * {@code webhook_url}.
 */
public record ClaimedMessage(long deliveryId, String id, String tenantId, String jobId, String endpointId, String url,
                             String payload, int attemptNo, int roundAttemptNo, List<String> secrets,
                             Instant leaseUntil) {
}
