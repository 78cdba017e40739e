package io.lamina.billing.service;

import io.lamina.billing.service.GrantBuckets.Bucket;
import io.lamina.billing.service.GrantBuckets.Debit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GrantBucketsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private static Bucket grant(String id, Long expiresInDays, int createdDay, long remaining) {
        return new Bucket(id, expiresInDays == null ? null : NOW.plusSeconds(expiresInDays * 86_400),
                T0.plusSeconds(createdDay * 86_400L), remaining);
    }

    @Test
    void consumesSoonestExpiringFirstThenOldestAndNeverExpiringLast() {
        List<Bucket> buckets = List.of(
                grant("manual-old", null, 1, 10),
                grant("pack-30d", 30L, 5, 10),
                grant("trial-7d", 7L, 9, 10),
                grant("sub-30d-older", 30L, 2, 10),
                grant("manual-new", null, 8, 10));
        List<Debit> debits = GrantBuckets.allocate(buckets, 45);
        assertEquals(List.of(new Debit("trial-7d", 10), new Debit("sub-30d-older", 10), new Debit("pack-30d", 10),
                new Debit("manual-old", 10), new Debit("manual-new", 5)), debits);
    }

    @Test
    void splitsOneChargeAcrossGrantsAndStopsWhenPaid() {
        List<Debit> debits = GrantBuckets.allocate(List.of(grant("a", 1L, 1, 3), grant("b", 2L, 1, 100)), 5);
        assertEquals(List.of(new Debit("a", 3), new Debit("b", 2)), debits);
        assertEquals(List.of(), GrantBuckets.allocate(List.of(grant("a", 1L, 1, 3)), 0));
    }

    @Test
    void skipsEmptyGrants() {
        List<Debit> debits = GrantBuckets.allocate(List.of(grant("empty", 1L, 1, 0), grant("b", 2L, 1, 4)), 4);
        assertEquals(List.of(new Debit("b", 4)), debits);
    }

    @Test
    void refusesToTakeMoreThanTheGrantsHold() {
        assertThrows(IllegalStateException.class,
                () -> GrantBuckets.allocate(List.of(grant("a", null, 1, 3)), 4));
        assertThrows(IllegalArgumentException.class,
                () -> GrantBuckets.allocate(List.of(grant("a", null, 1, 3)), -1));
    }

    @Test
    void orderDoesNotDependOnTheOrderTheGrantsAreReadIn() {
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            buckets.add(grant("g" + i, i % 3 == 0 ? null : (long) (i % 5), i % 7, 1 + i));
        }
        List<Debit> expected = GrantBuckets.allocate(buckets, 150);
        Random random = new Random(42);
        for (int round = 0; round < 10; round++) {
            Collections.shuffle(buckets, random);
            assertEquals(expected, GrantBuckets.allocate(buckets, 150));
        }
    }

    @Test
    void expiresWhatIsLeftOfGrantsPastTheirExpiry() {
        List<Bucket> buckets = List.of(grant("expired", -1L, 1, 7), grant("live", 5L, 1, 10),
                grant("forever", null, 1, 10));
        assertEquals(List.of(new Debit("expired", 7)), GrantBuckets.expiring(buckets, 0, NOW));
    }

    @Test
    void expiresAtTheExactInstantOfExpiry() {
        Bucket due = new Bucket("due", NOW, T0, 4);
        assertEquals(List.of(new Debit("due", 4)), GrantBuckets.expiring(List.of(due), 0, NOW));
        assertEquals(List.of(), GrantBuckets.expiring(List.of(due), 0, NOW.minusMillis(1)));
    }

    @Test
    void keepsExpiredCreditsThatBackRunningJobsHolds() {
        // 12 credits are held for running jobs: they are backed by the grants consumed first, the expired ones.
        List<Bucket> buckets = List.of(grant("expired-a", -2L, 1, 5), grant("expired-b", -1L, 1, 10),
                grant("live", 5L, 1, 10));
        assertEquals(List.of(new Debit("expired-b", 3)), GrantBuckets.expiring(buckets, 12, NOW));
        assertEquals(List.of(), GrantBuckets.expiring(buckets, 15, NOW));
        assertEquals(List.of(new Debit("expired-a", 5), new Debit("expired-b", 10)),
                GrantBuckets.expiring(buckets, 0, NOW));
    }

    @Test
    void expiryIsIdempotentOnceApplied() {
        List<Bucket> before = List.of(grant("expired", -1L, 1, 7), grant("live", 5L, 1, 10));
        List<Debit> first = GrantBuckets.expiring(before, 2, NOW);
        assertEquals(List.of(new Debit("expired", 5)), first);
        List<Bucket> after = List.of(grant("expired", -1L, 1, 2), grant("live", 5L, 1, 10));
        assertEquals(List.of(), GrantBuckets.expiring(after, 2, NOW), "a second sweep finds nothing more");
        assertEquals(List.of(new Debit("expired", 2)), GrantBuckets.expiring(after, 0, NOW),
                "once the hold is released, the rest expires");
    }

    @Test
    void budgetPeriodsAreUtcCalendarDaysAndMonths() {
        Instant t = Instant.parse("2026-02-28T23:59:59Z");
        assertEquals(Instant.parse("2026-02-28T00:00:00Z"), BudgetPeriod.DAY.start(t));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), BudgetPeriod.DAY.end(t));
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), BudgetPeriod.MONTH.start(t));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), BudgetPeriod.MONTH.end(t));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), BudgetPeriod.MONTH.end(Instant.parse("2026-12-31T10:00:00Z")));
    }
}
