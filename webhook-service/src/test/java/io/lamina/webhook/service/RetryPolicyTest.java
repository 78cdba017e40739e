package io.lamina.webhook.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));

    private static RetryPolicy withRandom(double r) {
        return new RetryPolicy(SCHEDULE, 0.1, () -> r);
    }

    private static Duration delay(RetryPolicy.Decision d) {
        return assertInstanceOf(RetryPolicy.RetryAfter.class, d).delay();
    }

    @Test
    void followsTheScheduleAfterEachFailedAttempt() {
        RetryPolicy policy = withRandom(0.5);
        for (int attempt = 1; attempt <= SCHEDULE.size(); attempt++) {
            assertEquals(SCHEDULE.get(attempt - 1),
                    delay(policy.afterFailure(attempt, Optional.of(500), Optional.empty())));
        }
    }

    @Test
    void givesUpAfterTheLastScheduledRetry() {
        assertInstanceOf(RetryPolicy.GiveUp.class,
                withRandom(0.5).afterFailure(SCHEDULE.size() + 1, Optional.of(500), Optional.empty()));
        assertInstanceOf(RetryPolicy.GiveUp.class,
                withRandom(0.5).afterFailure(SCHEDULE.size() + 1, Optional.empty(), Optional.empty()));
    }

    @Test
    void theConfiguredDefaultIsTheDocumentedSchedule() throws Exception {
        String declared = io.lamina.webhook.config.WebhookConfig.class.getMethod("retrySchedule")
                .getAnnotation(io.smallrye.config.WithDefault.class).value();
        assertEquals("5s,5m,30m,2h,5h,10h,14h,20h,24h", declared);
    }

    @Test
    void spreadsRetriesOfManyMessagesAcrossTheJitterBand() {
        RetryPolicy policy = new RetryPolicy(SCHEDULE, 0.1, new java.util.Random(7)::nextDouble);
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration d = delay(policy.afterFailure(2, Optional.of(500), Optional.empty()));
            assertTrue(d.compareTo(Duration.ofSeconds(270)) >= 0 && d.compareTo(Duration.ofSeconds(330)) <= 0, d::toString);
            seen.add(d);
        }
        assertTrue(seen.size() > 150, "jitter must spread the retries, got " + seen.size() + " distinct delays");
    }

    @Test
    void keepsJitterWithinTenPercent() {
        assertEquals(Duration.ofMillis(4500), delay(withRandom(0.0).afterFailure(1, Optional.empty(), Optional.empty())));
        assertEquals(Duration.ofMinutes(33), delay(withRandom(1.0).afterFailure(3, Optional.of(502), Optional.empty())));
    }

    @Test
    void failsAtOnceOnGone() {
        assertInstanceOf(RetryPolicy.GiveUp.class, withRandom(0.5).afterFailure(1, Optional.of(410), Optional.empty()));
    }

    @Test
    void honoursRetryAfterOnTooManyRequestsAndUnavailable() {
        assertEquals(Duration.ofSeconds(120),
                delay(withRandom(0.5).afterFailure(1, Optional.of(429), Optional.of(Duration.ofSeconds(120)))));
        assertEquals(Duration.ofSeconds(120),
                delay(withRandom(0.5).afterFailure(1, Optional.of(503), Optional.of(Duration.ofSeconds(120)))));
    }

    @Test
    void neverRetriesEarlierThanScheduledBecauseOfRetryAfter() {
        assertEquals(Duration.ofMinutes(5),
                delay(withRandom(0.5).afterFailure(2, Optional.of(429), Optional.of(Duration.ofSeconds(1)))));
    }

    @Test
    void capsRetryAfterAtTheLongestScheduledDelay() {
        assertEquals(Duration.ofHours(24),
                delay(withRandom(0.5).afterFailure(1, Optional.of(503), Optional.of(Duration.ofDays(30)))));
    }

    @Test
    void ignoresRetryAfterOnOtherStatuses() {
        assertEquals(Duration.ofSeconds(5),
                delay(withRandom(0.5).afterFailure(1, Optional.of(500), Optional.of(Duration.ofSeconds(600)))));
    }

    @Test
    void failsOnTheFirstErrorWithAnEmptySchedule() {
        RetryPolicy none = new RetryPolicy(List.of(), 0.1, () -> 0.5);
        assertTrue(none.afterFailure(1, Optional.of(500), Optional.empty()) instanceof RetryPolicy.GiveUp);
    }
}
