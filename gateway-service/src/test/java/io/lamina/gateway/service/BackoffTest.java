package io.lamina.gateway.service;

import io.lamina.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    private static GatewayConfig.Retry policy(double jitter) {
        return new GatewayConfig.Retry() {
            public int maxAttempts() {
                return 5;
            }

            public Duration initialInterval() {
                return Duration.ofSeconds(1);
            }

            public double backoffCoefficient() {
                return 2.0;
            }

            public Duration maxInterval() {
                return Duration.ofSeconds(5);
            }

            public double jitter() {
                return jitter;
            }
        };
    }

    @Test
    void growsExponentiallyFromTheInitialIntervalUpToTheMaximum() {
        GatewayConfig.Retry p = policy(0);
        assertEquals(Duration.ofSeconds(1), Backoff.after(1, p, () -> 0.5));
        assertEquals(Duration.ofSeconds(2), Backoff.after(2, p, () -> 0.5));
        assertEquals(Duration.ofSeconds(4), Backoff.after(3, p, () -> 0.5));
        assertEquals(Duration.ofSeconds(5), Backoff.after(4, p, () -> 0.5));
        assertEquals(Duration.ofSeconds(5), Backoff.after(30, p, () -> 0.5));
    }

    @Test
    void jitterSpreadsTheWaitBothWays() {
        GatewayConfig.Retry p = policy(0.2);
        assertEquals(Duration.ofMillis(1600), Backoff.after(2, p, () -> 0.0));
        assertEquals(Duration.ofMillis(2000), Backoff.after(2, p, () -> 0.5));
        assertEquals(Duration.ofMillis(2400), Backoff.after(2, p, () -> 1.0));
    }
}
