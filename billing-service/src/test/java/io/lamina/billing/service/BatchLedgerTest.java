package io.lamina.billing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lamina.billing.service.BatchLedger.AccountState;
import io.lamina.billing.service.BatchLedger.BudgetLimit;
import io.lamina.billing.service.BatchLedger.GrantState;
import io.lamina.billing.service.BatchLedger.LedgerLine;
import io.lamina.billing.service.BatchLedger.ReservationState;
import io.lamina.contracts.Usage;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobSubmitted;
import io.lamina.contracts.jobs.StepEstimate;
import io.lamina.contracts.jobs.StepSucceeded;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory effect of a batch: several events of one tenant in one batch must add up as if applied one by one. */
class BatchLedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final ObjectWriter WRITER = BillingEvents.writer(JsonMapper.builder().findAndAddModules().build());

    private final Map<String, AccountState> accounts = new HashMap<>();
    private final Map<String, ReservationState> reservations = new HashMap<>();
    private final Map<String, List<BudgetLimit>> budgets = new HashMap<>();
    private long spentBefore;

    private BatchLedger ledger(long defaultLow) {
        BatchLedger.BudgetSource source = new BatchLedger.BudgetSource() {
            @Override
            public List<BudgetLimit> budgets(String tenantId, String apiKeyId) {
                return budgets.getOrDefault(apiKeyId, List.of());
            }

            @Override
            public long spentBefore(String tenantId, String apiKeyId, Instant from, Instant to) {
                return spentBefore;
            }
        };
        return new BatchLedger(accounts, reservations, source, op -> op.equals("sheet_generation") ? 2 : 1,
                e -> {
                    try {
                        return WRITER.writeValueAsString(e);
                    } catch (JsonProcessingException x) {
                        throw new IllegalStateException(x);
                    }
                }, defaultLow);
    }

    private AccountState account(String tenant, long... grants) {
        long total = 0;
        AccountState account = new AccountState(tenant, 0, 0, null, true, null);
        for (int i = 0; i < grants.length; i++) {
            account.live.add(new GrantState(tenant + "-g" + i, null, NOW.minusSeconds(100 - i), grants[i]));
            total += grants[i];
        }
        account.balance = total;
        accounts.put(tenant, account);
        return account;
    }

    private static JobSubmitted submitted(String tenant, String job, long units, String key) {
        return new JobSubmitted(UUID.randomUUID().toString(), 1, NOW, tenant, job,
                List.of(new StepEstimate("s", "sheet_generation", units)), null, null, key);
    }

    private static StepSucceeded succeeded(String tenant, String job, long units) {
        return new StepSucceeded(UUID.randomUUID().toString(), 1, NOW, tenant, job, "s", "sheet_generation", 1,
                new Usage(units, "calls"), null);
    }

    private static JobCompleted completed(String tenant, String job) {
        return new JobCompleted(UUID.randomUUID().toString(), 1, NOW, tenant, job, List.of(), null);
    }

    private static List<String> types(BatchLedger batch) {
        return batch.ledger().stream().map(LedgerLine::type).toList();
    }

    private static List<String> published(BatchLedger batch) {
        return batch.outbox().stream().map(o -> o.payload().replaceAll("^\\{\"type\":\"([a-z.]+)\".*", "$1")).toList();
    }

    @Test
    void reserveCaptureReleaseOfOneJobInOneBatch() {
        AccountState account = account("t", 100);
        BatchLedger batch = ledger(0);

        batch.apply(submitted("t", "j", 3, null), NOW);   // estimate 6
        batch.apply(succeeded("t", "j", 2), NOW);         // costs 4, from the hold
        batch.apply(completed("t", "j"), NOW);            // releases 2

        assertEquals(List.of("reserve", "capture", "release"), types(batch));
        assertEquals(List.of(6L, 4L, 2L), batch.ledger().stream().map(LedgerLine::amount).toList());
        assertEquals(4, batch.ledger().get(1).fromHold());
        assertEquals(List.of("credits.reserved", "credits.captured", "credits.released"), published(batch));
        assertEquals(96, account.balance);
        assertEquals(0, account.reserved);
        assertEquals(96, account.live.get(0).remaining);
        ReservationState r = reservations.get("j");
        assertTrue(r.isNew);
        assertEquals("closed", r.status);
        assertEquals(4, r.captured);
        assertEquals(0, r.held);
        assertEquals(1, batch.debits().size());
        assertEquals(1, batch.debits().get(0).seq());
        BatchLedger.UsageSum usage = batch.usage().get(new BatchLedger.UsageKey("t", LocalDate.of(2026, 11, 24),
                "sheet_generation"));
        assertEquals(1, usage.steps);
        assertEquals(2, usage.units);
        assertEquals(4, usage.credits);
        assertEquals(List.of(account), batch.changedAccounts());
    }

    @Test
    void laterJobsOfTheBatchSeeEarlierHoldsAndAreDenied() {
        AccountState account = account("t", 10);
        BatchLedger batch = ledger(0);

        batch.apply(submitted("t", "j1", 3, null), NOW);  // 6 of 10
        batch.apply(submitted("t", "j2", 3, null), NOW);  // 6 more: only 4 available
        batch.apply(succeeded("t", "j2", 1), NOW);        // no reservation: nothing charged

        assertEquals(List.of("reserve", "deny"), types(batch));
        assertEquals("insufficient_credits", batch.ledger().get(1).code());
        assertTrue(batch.outbox().get(1).payload().contains("\"available\":4"));
        assertEquals(10, account.balance);
        assertEquals(6, account.reserved);
        assertFalse(reservations.containsKey("j2"));
    }

    @Test
    void aResubmittedJobKeepsItsFirstReservation() {
        AccountState account = account("t", 100);
        BatchLedger batch = ledger(0);

        batch.apply(submitted("t", "j", 1, null), NOW);
        batch.apply(submitted("t", "j", 5, null), NOW);

        assertEquals(List.of("reserve"), types(batch));
        assertEquals(2, account.reserved);
    }

    @Test
    void budgetCountsWhatTheBatchItselfReservedBeforeTheNextJob() {
        account("t", 100);
        budgets.put("k", List.of(new BudgetLimit("day", 10)));
        spentBefore = 3;  // earlier jobs of the key today
        BatchLedger batch = ledger(0);

        batch.apply(submitted("t", "j1", 2, "k"), NOW);  // 4: used 7 of 10
        batch.apply(submitted("t", "j2", 2, "k"), NOW);  // 4 more: only 3 left

        assertEquals(List.of("reserve", "deny"), types(batch));
        assertEquals("budget_exceeded", batch.ledger().get(1).code());
        assertTrue(batch.outbox().get(1).payload().contains("\"available\":3"), batch.outbox().get(1).payload());
    }

    @Test
    void budgetGivesBackWhatAReleaseInTheBatchFreed() {
        account("t", 100);
        budgets.put("k", List.of(new BudgetLimit("day", 10)));
        ReservationState running = new ReservationState("old", "t", 8, 8, 0, "open", "k", NOW.minusSeconds(60),
                NOW.minusSeconds(60), null, false);
        reservations.put("old", running);
        accounts.get("t").reserved = 8;
        spentBefore = 8;
        BatchLedger batch = ledger(0);

        batch.apply(succeeded("t", "old", 1), NOW);      // captures 2 of the hold: spend still 8
        batch.apply(completed("t", "old"), NOW);         // releases 6: spend 2
        batch.apply(submitted("t", "new", 4, "k"), NOW); // 8 fits in 10 - 2

        assertEquals(List.of("capture", "release", "reserve"), types(batch));
        assertFalse(reservations.get("old").isNew);
        assertTrue(batch.changedReservations().contains(running));
    }

    @Test
    void creditsLowOncePerCrossingWithinABatch() {
        AccountState account = account("t", 10);
        BatchLedger batch = ledger(5);

        batch.apply(submitted("t", "j1", 2, null), NOW);  // available 6: above
        batch.apply(submitted("t", "j2", 1, null), NOW);  // available 4: crosses
        batch.apply(succeeded("t", "j2", 1), NOW);        // still below: no second event
        batch.apply(completed("t", "j1"), NOW);           // back to 6: above again
        batch.apply(submitted("t", "j3", 2, null), NOW);  // 4: crosses again

        assertEquals(2, published(batch).stream().filter("credits.low"::equals).count(), published(batch).toString());
        assertFalse(account.aboveLow);
    }

    @Test
    void dueGrantsExpireFirstAndCapturesTakeTheSoonestExpiringGrant() {
        AccountState account = new AccountState("t", 0, 0, null, true, NOW.minusSeconds(1));
        GrantState due = new GrantState("due", NOW.minusSeconds(1), NOW.minusSeconds(1000), 5);
        GrantState soon = new GrantState("soon", NOW.plus(Duration.ofDays(1)), NOW.minusSeconds(10), 5);
        GrantState forever = new GrantState("forever", null, NOW.minusSeconds(2000), 5);
        account.live.addAll(List.of(forever, soon, due));
        account.balance = 15;
        accounts.put("t", account);
        BatchLedger batch = ledger(0);

        batch.apply(submitted("t", "j", 3, null), NOW);
        batch.apply(succeeded("t", "j", 3), NOW);

        assertEquals(List.of("expire", "reserve", "capture"), types(batch));
        assertEquals("due", batch.ledger().get(0).grantId());
        assertEquals(0, due.remaining);
        assertEquals(NOW, due.expiredAt);
        assertEquals(0, soon.remaining);
        assertEquals(4, forever.remaining);
        assertEquals(4, account.balance);
        assertEquals(NOW.plus(Duration.ofDays(1)), account.nextExpiry);
        assertEquals(3, batch.changedGrants().size());
        assertNull(forever.expiredAt);
    }

    @Test
    void anEventNamingAnotherTenantForAJobChangesNothing() {
        account("a", 100);
        AccountState b = account("b", 100);
        BatchLedger batch = ledger(0);

        batch.apply(submitted("a", "j", 1, null), NOW);
        batch.apply(succeeded("b", "j", 1), NOW);
        batch.apply(completed("b", "j"), NOW);

        assertEquals(List.of("reserve"), types(batch));
        assertEquals(100, b.balance);
        assertFalse(b.changed());
    }
}
