package io.lamina.gateway.service;

import io.lamina.gateway.config.GatewayConfig;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** The wait before the next attempt: exponential from the initial interval, capped, spread by jitter. */
final class Backoff {

    private Backoff() {
    }

    /**
     * @param failedAttempt the attempt that just failed, from 1
     * @param random        a source of uniform numbers in [0, 1)
     */
    static Duration after(int failedAttempt, GatewayConfig.Retry policy, DoubleSupplier random) {
        double base = policy.initialInterval().toMillis() * Math.pow(policy.backoffCoefficient(), failedAttempt - 1);
        double capped = Math.min(base, policy.maxInterval().toMillis());
        double spread = 1 + policy.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(capped * spread)));
    }
}
