package io.lamina.billing.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which grants a tenant's credits come from, free of I/O. Credits are consumed <b>soonest-expiring first, then
 * oldest</b> (grants without expiry last), so that as little as possible expires unused. An expired grant's credits
 * that still back holds of running jobs are kept for those jobs; only the rest expires.
 */
public final class GrantBuckets {

    /** The consumption order: expiry ascending (none last), then creation, then id for a total order. */
    public static final Comparator<Bucket> CONSUMPTION_ORDER = Comparator
            .comparing(Bucket::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Bucket::createdAt)
            .thenComparing(Bucket::grantId);

    private GrantBuckets() {
    }

    /** What is left of one grant. */
    public record Bucket(String grantId, Instant expiresAt, Instant createdAt, long remaining) {

        public boolean isDue(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }

    /** {@code amount} credits taken from one grant. */
    public record Debit(String grantId, long amount) {
    }

    /**
     * Takes {@code amount} from {@code buckets} in consumption order. The buckets must hold at least {@code amount}
     * together (the pool arithmetic guarantees it: the balance is their sum).
     */
    public static List<Debit> allocate(List<Bucket> buckets, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("negative amount " + amount);
        }
        List<Debit> debits = new ArrayList<>();
        long left = amount;
        for (Bucket bucket : buckets.stream().sorted(CONSUMPTION_ORDER).toList()) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, bucket.remaining());
            if (take > 0) {
                debits.add(new Debit(bucket.grantId(), take));
                left -= take;
            }
        }
        if (left > 0) {
            throw new IllegalStateException("the grants hold " + (amount - left) + " credits, " + amount + " needed");
        }
        return debits;
    }

    /**
     * What expires now: of every grant past its expiry, what is not needed to back the tenant's {@code reserved}
     * credits. Holds are backed by the grants consumed first, i.e. the expired ones, in consumption order; what they
     * back expires later, when the jobs have ended and released it (a later sweep).
     */
    public static List<Debit> expiring(List<Bucket> buckets, long reserved, Instant now) {
        List<Debit> expiring = new ArrayList<>();
        long holdsLeft = Math.max(0, reserved);
        for (Bucket bucket : buckets.stream().filter(b -> b.isDue(now)).sorted(CONSUMPTION_ORDER).toList()) {
            long backing = Math.min(bucket.remaining(), holdsLeft);
            holdsLeft -= backing;
            long expires = bucket.remaining() - backing;
            if (expires > 0) {
                expiring.add(new Debit(bucket.grantId(), expires));
            }
        }
        return expiring;
    }
}
