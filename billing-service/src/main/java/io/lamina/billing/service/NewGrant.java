package io.lamina.billing.service;

import java.time.Instant;

/** A validated grant request: positive amount, known source, optional expiry (stored, not yet enforced). */
public record NewGrant(String grantId, long amount, String source, Instant expiresAt) {
}
