package io.lamina.billing.api;

import io.lamina.problem.ApiException;
import io.lamina.billing.service.NewGrant;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GrantRequestTest {

    @Test
    void acceptsGrantWithDefaults() {
        NewGrant grant = GrantRequest.validate(new GrantRequest("g-1", new BigDecimal("100"), null, null));

        assertEquals(new NewGrant("g-1", 100, "manual", null), grant);
    }

    @Test
    void acceptsGrantWithSourceAndExpiry() {
        NewGrant grant = GrantRequest.validate(
                new GrantRequest("g-2", new BigDecimal("5"), "trial", "2027-01-01T01:00:00+01:00"));

        assertEquals("trial", grant.source());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), grant.expiresAt());
    }

    @Test
    void rejectsGrantWithNegativeAmount() {
        assertInvalid(new GrantRequest("g", new BigDecimal("-1"), null, null));
    }

    @Test
    void rejectsGrantWithZeroOrFractionalAmount() {
        assertInvalid(new GrantRequest("g", BigDecimal.ZERO, null, null));
        assertInvalid(new GrantRequest("g", new BigDecimal("1.5"), null, null));
    }

    @Test
    void acceptsAmountUpToOneTrillion() {
        assertEquals(GrantRequest.MAX_AMOUNT,
                GrantRequest.validate(new GrantRequest("g", new BigDecimal("1e12"), null, null)).amount());
        assertInvalid(new GrantRequest("g", new BigDecimal("1000000000001"), null, null));
    }

    @Test
    void rejectsGrantWithoutIdOrAmount() {
        assertInvalid(null);
        assertInvalid(new GrantRequest(" ", BigDecimal.TEN, null, null));
        assertInvalid(new GrantRequest("g", null, null, null));
        assertInvalid(new GrantRequest("x".repeat(201), BigDecimal.TEN, null, null));
    }

    @Test
    void rejectsUnknownSourceAndMalformedExpiry() {
        assertInvalid(new GrantRequest("g", BigDecimal.TEN, "gift", null));
        assertInvalid(new GrantRequest("g", BigDecimal.TEN, null, "next tuesday"));
        assertInvalid(new GrantRequest("g", BigDecimal.TEN, null, "2027-01-01"));
    }

    private static void assertInvalid(GrantRequest request) {
        ApiException e = assertThrows(ApiException.class, () -> GrantRequest.validate(request));
        assertEquals(422, e.status());
        assertEquals("invalid_grant", e.code());
    }
}
