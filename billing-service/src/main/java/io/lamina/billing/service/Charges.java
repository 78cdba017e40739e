package io.lamina.billing.service;

import io.lamina.contracts.jobs.StepEstimate;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The credit arithmetic of billing, free of I/O so the policy can be tested on its own. Amounts saturate at
 * {@link Long#MAX_VALUE} instead of overflowing: an absurd estimate is then simply denied, an absurd capture charges
 * what is available.
 */
public final class Charges {

    private Charges() {
    }

    /** Credits for {@code units} of an operation priced {@code price} per unit; negative units count as none. */
    public static long cost(long price, long units) {
        if (price <= 0 || units <= 0) {
            return 0;
        }
        return units > Long.MAX_VALUE / price ? Long.MAX_VALUE : price * units;
    }

    /** What a submitted job is expected to cost: Σ price(operation) · estimated_units over its steps. */
    public static long estimate(List<StepEstimate> steps, ToLongFunction<String> priceOf) {
        long total = 0;
        for (StepEstimate step : steps == null ? List.<StepEstimate>of() : steps) {
            total = saturatedAdd(total, cost(priceOf.applyAsLong(step.operation()), step.estimatedUnits()));
        }
        return total;
    }

    /**
     * Splits the actual cost of a succeeded step: first from the job's remaining hold, then the excess from the
     * tenant's available balance, and what even that cannot cover is not charged (the shortfall).
     */
    public static Capture capture(long held, long available, long actual) {
        long fromHold = Math.min(held, actual);
        long fromAvailable = Math.min(actual - fromHold, Math.max(0, available));
        long shortfall = actual - fromHold - fromAvailable;
        return new Capture(fromHold, fromAvailable, shortfall, held - fromHold);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** How one capture is paid; {@code heldAfter} is what the job still holds, released when it ends. */
    public record Capture(long fromHold, long fromAvailable, long shortfall, long heldAfter) {

        public long charged() {
            return fromHold + fromAvailable;
        }
    }

    /**
     * A tenant's pool: {@code balance} credits owned, {@code reserved} of them held for running jobs. Every operation
     * returns a new pool and none can produce one with {@code reserved > balance} or a negative figure.
     */
    public record Pool(long balance, long reserved) {

        public Pool {
            if (reserved < 0 || balance < reserved) {
                throw new IllegalStateException("inconsistent pool: balance " + balance + ", reserved " + reserved);
            }
        }

        public static Pool empty() {
            return new Pool(0, 0);
        }

        public long available() {
            return balance - reserved;
        }

        public boolean covers(long amount) {
            return amount <= available();
        }

        public Pool reserve(long amount) {
            if (amount < 0 || !covers(amount)) {
                throw new IllegalArgumentException("cannot reserve " + amount + " of " + available() + " available");
            }
            return new Pool(balance, reserved + amount);
        }

        public Pool capture(Capture capture) {
            return new Pool(balance - capture.charged(), reserved - capture.fromHold());
        }

        public Pool release(long held) {
            return new Pool(balance, reserved - held);
        }

        /** Expired credits leave the balance; never those that back holds (the caller computes what may expire). */
        public Pool expire(long amount) {
            if (amount < 0 || !covers(amount)) {
                throw new IllegalArgumentException("cannot expire " + amount + " of " + available() + " available");
            }
            return new Pool(balance - amount, reserved);
        }

        public boolean canGrant(long amount) {
            return amount > 0 && amount <= Long.MAX_VALUE - balance;
        }

        public Pool grant(long amount) {
            if (!canGrant(amount)) {
                throw new IllegalArgumentException("cannot grant " + amount + " on a balance of " + balance);
            }
            return new Pool(balance + amount, reserved);
        }
    }
}
