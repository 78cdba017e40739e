package io.lamina.billing.api;

import io.lamina.problem.ApiException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.billing.Grant;
import io.lamina.billing.service.NewGrant;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Body of {@code POST /internal/accounts/{tenantId}/grants}. {@code amount} is read as a decimal so that a fraction
 * is refused rather than silently truncated.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GrantRequest(String grantId, BigDecimal amount, String source, String expiresAt) {

    public static final long MAX_AMOUNT = 1_000_000_000_000L;
    static final int MAX_GRANT_ID_LENGTH = 200;

    /** The grant this request asks for, or a 422 {@code invalid_grant} naming the first thing wrong with it. */
    public static NewGrant validate(GrantRequest request) {
        if (request == null) {
            throw invalid("a JSON body with grant_id and amount is required");
        }
        if (request.grantId == null || request.grantId.isBlank()) {
            throw invalid("grant_id is required");
        }
        if (request.grantId.length() > MAX_GRANT_ID_LENGTH) {
            throw invalid("grant_id must be at most " + MAX_GRANT_ID_LENGTH + " characters");
        }
        return new NewGrant(request.grantId, amount(request.amount), source(request.source),
                expiresAt(request.expiresAt));
    }

    private static long amount(BigDecimal amount) {
        if (amount == null) {
            throw invalid("amount is required");
        }
        if (amount.signum() <= 0) {
            throw invalid("amount must be a positive number of credits");
        }
        if (amount.stripTrailingZeros().scale() > 0) {
            throw invalid("amount must be a whole number of credits");
        }
        if (amount.compareTo(BigDecimal.valueOf(MAX_AMOUNT)) > 0) {
            throw invalid("amount must be at most " + MAX_AMOUNT);
        }
        return amount.longValueExact();
    }

    private static String source(String source) {
        if (source == null) {
            return Grant.DEFAULT_SOURCE;
        }
        if (!Grant.SOURCES.contains(source)) {
            throw invalid("source must be one of trial, subscription, pack, manual");
        }
        return source;
    }

    /** Truncated to the database's microsecond precision, so a replayed request compares equal to the stored grant. */
    private static Instant expiresAt(String expiresAt) {
        if (expiresAt == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(expiresAt).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw invalid("expires_at must be an ISO-8601 date-time with an offset, e.g. 2027-01-01T00:00:00Z");
        }
    }

    private static ApiException invalid(String detail) {
        return ApiException.unprocessable("invalid_grant", detail);
    }
}
