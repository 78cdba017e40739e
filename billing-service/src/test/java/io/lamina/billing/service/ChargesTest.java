package io.lamina.billing.service;

import io.lamina.billing.service.Charges.Capture;
import io.lamina.billing.service.Charges.Pool;
import io.lamina.contracts.jobs.StepEstimate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChargesTest {

    private static final Map<String, Long> PRICES = Map.of("document_extraction", 1L, "sheet_generation", 2L);

    @Test
    void estimatesSumOfPriceTimesUnitsOverSteps() {
        List<StepEstimate> steps = List.of(
                new StepEstimate("extract", "document_extraction", 12),
                new StepEstimate("sheet", "sheet_generation", 1),
                new StepEstimate("report", "sheet_generation", 3));

        assertEquals(12 + 2 + 6, Charges.estimate(steps, PRICES::get));
    }

    @Test
    void estimatesNothingForNoSteps() {
        assertEquals(0, Charges.estimate(List.of(), PRICES::get));
        assertEquals(0, Charges.estimate(null, PRICES::get));
    }

    @Test
    void countsNegativeUnitsAsNone() {
        assertEquals(0, Charges.cost(2, -5));
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        List<StepEstimate> steps = List.of(
                new StepEstimate("a", "sheet_generation", Long.MAX_VALUE / 2 + 1),
                new StepEstimate("b", "sheet_generation", Long.MAX_VALUE));

        assertEquals(Long.MAX_VALUE, Charges.estimate(steps, PRICES::get));
        assertFalse(new Pool(1_000_000, 0).covers(Charges.estimate(steps, PRICES::get)));
    }

    @Test
    void reservesOnlyWhatIsAvailable() {
        Pool pool = new Pool(10, 4);

        assertTrue(pool.covers(6));
        assertFalse(pool.covers(7));
        assertEquals(new Pool(10, 10), pool.reserve(6));
        assertThrows(IllegalArgumentException.class, () -> pool.reserve(7));
    }

    @Test
    void reservesAnEstimateOfZeroOnAnEmptyPool() {
        assertEquals(Pool.empty(), Pool.empty().reserve(0));
    }

    @Test
    void capturesFromHoldFirst() {
        Capture capture = Charges.capture(5, 100, 3);

        assertEquals(new Capture(3, 0, 0, 2), capture);
        assertEquals(3, capture.charged());
        assertEquals(new Pool(97, 2), new Pool(100, 5).capture(capture));
    }

    @Test
    void capturesExcessFromAvailableBalance() {
        Pool pool = new Pool(20, 5);            // 5 held for this job, 15 available
        Capture capture = Charges.capture(5, pool.available(), 8);

        assertEquals(new Capture(5, 3, 0, 0), capture);
        assertEquals(new Pool(12, 0), pool.capture(capture));
    }

    @Test
    void neverChargesBeyondAvailable() {
        Pool pool = new Pool(7, 5);             // 5 held for this job, 2 available
        Capture capture = Charges.capture(5, pool.available(), 10);

        assertEquals(7, capture.charged());
        assertEquals(3, capture.shortfall());
        assertEquals(new Pool(0, 0), pool.capture(capture));
    }

    @Test
    void leavesOtherJobsHoldsUntouchedOnOverage() {
        Pool pool = new Pool(10, 9);            // 4 held for this job, 5 for another, 1 available
        Capture capture = Charges.capture(4, pool.available(), 20);

        assertEquals(5, capture.charged());
        Pool after = pool.capture(capture);
        assertEquals(new Pool(5, 5), after);    // the other job's 5 are still held and covered
    }

    @Test
    void capturesNothingForZeroUsage() {
        assertEquals(new Capture(0, 0, 0, 5), Charges.capture(5, 10, 0));
    }

    @Test
    void releasesRemainderOfHold() {
        Pool pool = new Pool(10, 0).reserve(6);  // job estimated 6 of 10
        Capture first = Charges.capture(6, pool.available(), 2);
        pool = pool.capture(first);
        Capture second = Charges.capture(first.heldAfter(), pool.available(), 1);
        pool = pool.capture(second);

        assertEquals(3, second.heldAfter());
        assertEquals(new Pool(7, 3), pool);
        assertEquals(new Pool(7, 0), pool.release(second.heldAfter()));
    }

    @Test
    void refusesAnInconsistentPool() {
        assertThrows(IllegalStateException.class, () -> new Pool(3, 4));
        assertThrows(IllegalStateException.class, () -> new Pool(3, -1));
    }

    @Test
    void refusesAGrantThatWouldOverflowTheBalance() {
        Pool pool = new Pool(Long.MAX_VALUE - 5, 0);

        assertTrue(pool.canGrant(5));
        assertFalse(pool.canGrant(6));
        assertFalse(pool.canGrant(0));
    }
}
