package io.lamina.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** {@code lamina.billing.*}: what each operation costs. Env: {@code LAMINA_BILLING_PRICES_SHEET_GENERATION=3}. */
@ConfigMapping(prefix = "lamina.billing")
public interface BillingConfig {

    /** Credits per unit, by operation id ({@code sheet_generation}); units come from the job and step events. */
    Map<String, Long> prices();

    /** Price per unit of an operation missing from {@link #prices()} (logged as a warning when used). */
    @WithDefault("1")
    long defaultPrice();

    /**
     * credits.low is published when a tenant's available balance falls below its threshold; this is the threshold of
     * tenants without their own. 0 turns the default off (the available balance is never below 0).
     */
    @WithDefault("0")
    long lowBalanceThreshold();

    /** How often the sweep expires grants of tenants that had no activity since their grants expired. */
    @WithDefault("60s")
    String expirySweepEvery();

    /**
     * How many times a batch of job events whose transaction failed is tried again (each time in a new transaction)
     * before its events are applied one by one, each with as many tries; an event that still fails is dead-lettered.
     */
    @WithDefault("4")
    int batchRetries();

    /** Pause before the first retry of a failed batch or event, doubled at each further retry. */
    @WithDefault("250")
    long batchRetryDelayMillis();
}
