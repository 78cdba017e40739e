package io.lamina.billing.service;

import io.lamina.billing.service.Charges.Capture;
import io.lamina.billing.service.Charges.Pool;
import io.lamina.billing.service.GrantBuckets.Bucket;
import io.lamina.billing.service.GrantBuckets.Debit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random interleavings of grants, reservations, captures (some beyond the estimate), releases and expiries, applied
 * the way AccountBook applies them: the balance always equals the grants' remaining credits and the ledger's sum, holds
 * stay covered, and nothing goes below zero.
 */
class PoolSimulationTest {

    @Test
    void balanceEqualsGrantsRemainingAndLedgerSumUnderRandomInterleavings() {
        for (long seed = 1; seed <= 50; seed++) {
            simulate(new Random(seed));
        }
    }

    private static void simulate(Random random) {
        Instant now = Instant.parse("2026-11-24T00:00:00Z");
        Pool pool = Pool.empty();
        Map<String, Bucket> grants = new HashMap<>();
        Map<Integer, Long> holds = new HashMap<>();
        long ledgerBalance = 0;
        int nextJob = 0;
        for (int step = 0; step < 300; step++) {
            now = now.plusSeconds(random.nextInt(3600));
            int action = random.nextInt(5);
            if (action == 0) {
                long amount = 1 + random.nextInt(50);
                Instant expires = random.nextBoolean() ? null : now.plusSeconds(random.nextInt(20_000));
                String id = "g" + step;
                grants.put(id, new Bucket(id, expires, now, amount));
                pool = pool.grant(amount);
                ledgerBalance += amount;
            } else if (action == 1) {
                long estimate = random.nextInt(20);
                if (pool.covers(estimate)) {
                    pool = pool.reserve(estimate);
                    holds.put(nextJob++, estimate);
                }
            } else if (action == 2 && !holds.isEmpty()) {
                int job = new ArrayList<>(holds.keySet()).get(random.nextInt(holds.size()));
                long actual = random.nextInt(30);  // sometimes more than the estimate: pages known late
                Capture capture = Charges.capture(holds.get(job), pool.available(), actual);
                pool = pool.capture(capture);
                holds.put(job, capture.heldAfter());
                take(grants, GrantBuckets.allocate(List.copyOf(grants.values()), capture.charged()));
                ledgerBalance -= capture.charged();
            } else if (action == 3 && !holds.isEmpty()) {
                int job = new ArrayList<>(holds.keySet()).get(random.nextInt(holds.size()));
                pool = pool.release(holds.remove(job));
            } else if (action == 4) {
                List<Debit> expiring = GrantBuckets.expiring(List.copyOf(grants.values()), pool.reserved(), now);
                for (Debit d : expiring) {
                    pool = pool.expire(d.amount());
                    ledgerBalance -= d.amount();
                }
                take(grants, expiring);
            }
            long remaining = grants.values().stream().mapToLong(Bucket::remaining).sum();
            assertEquals(remaining, pool.balance(), "balance = Σ grants remaining");
            assertEquals(ledgerBalance, pool.balance(), "balance = ledger sum");
            assertEquals(holds.values().stream().mapToLong(Long::longValue).sum(), pool.reserved());
            assertTrue(pool.available() >= 0 && pool.balance() >= 0);
            if (action == 4) {
                Instant at = now;
                long dueLeft = grants.values().stream().filter(b -> b.isDue(at)).mapToLong(Bucket::remaining).sum();
                assertTrue(dueLeft <= pool.reserved(), "after expiry, expired credits only back holds");
            }
        }
    }

    private static void take(Map<String, Bucket> grants, List<Debit> debits) {
        for (Debit d : debits) {
            Bucket b = grants.get(d.grantId());
            assertTrue(d.amount() <= b.remaining(), "a debit never exceeds what the grant has left");
            grants.put(b.grantId(), new Bucket(b.grantId(), b.expiresAt(), b.createdAt(), b.remaining() - d.amount()));
        }
    }
}
