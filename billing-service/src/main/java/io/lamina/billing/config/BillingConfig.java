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
}
