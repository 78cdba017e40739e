package io.lamina.webhook.service;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * What to do after an attempt that did not deliver: when to try again, or to give up. Pure; the random source is
 * passed in so tests can pin the jitter.
 */
public final class RetryPolicy {

    /** Decision after a failed attempt. */
    public sealed interface Decision {
    }

    public record RetryAfter(Duration delay) implements Decision {
    }

    public record GiveUp(String reason) implements Decision {
    }

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration longest;
    private final DoubleSupplier random;

    public RetryPolicy(List<Duration> schedule, double jitter, DoubleSupplier random) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.longest = schedule.isEmpty() ? Duration.ZERO : Collections.max(schedule);
        this.random = random;
    }

    /**
     * @param attemptsMade attempts made so far, including the one that just failed (the first is attempt 1)
     * @param status       HTTP status, empty when no answer came (network error, timeout)
     * @param retryAfter   the Retry-After header in seconds, if the endpoint sent one
     */
    public Decision afterFailure(int attemptsMade, Optional<Integer> status, Optional<Duration> retryAfter) {
        if (status.isPresent() && status.get() == 410) {
            return new GiveUp("endpoint answered 410 Gone");
        }
        if (attemptsMade > schedule.size()) {
            return new GiveUp("retry schedule exhausted after " + attemptsMade + " attempts");
        }
        Duration planned = schedule.get(attemptsMade - 1);
        long millis = Math.round(planned.toMillis() * (1 + jitter * (2 * random.getAsDouble() - 1)));
        Duration delay = Duration.ofMillis(Math.max(0, millis));
        boolean honoursRetryAfter = status.isPresent() && (status.get() == 429 || status.get() == 503);
        if (honoursRetryAfter && retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(longest) > 0 ? longest : retryAfter.get();
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        return new RetryAfter(delay);
    }
}
