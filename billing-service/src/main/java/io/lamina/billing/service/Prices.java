package io.lamina.billing.service;

import io.lamina.billing.config.BillingConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;

/** The configured price list; checked at startup so a bad price stops the service instead of a consumer. */
@Startup
@ApplicationScoped
public class Prices {

    private static final Logger LOG = Logger.getLogger(Prices.class);

    private final Map<String, Long> prices;
    private final long defaultPrice;

    public Prices(BillingConfig config) {
        this.prices = Map.copyOf(config.prices());
        this.defaultPrice = config.defaultPrice();
        prices.forEach((operation, price) -> requireNonNegative("lamina.billing.prices." + operation, price));
        requireNonNegative("lamina.billing.default-price", defaultPrice);
    }

    /** Credits per unit of {@code operation}; an unknown operation costs the default price. */
    public long of(String operation) {
        Long price = operation == null ? null : prices.get(operation);
        if (price == null) {
            LOG.warnf("no price configured for operation %s, charging the default price %d per unit",
                    operation, defaultPrice);
            return defaultPrice;
        }
        return price;
    }

    private static void requireNonNegative(String property, long price) {
        if (price < 0) {
            throw new IllegalArgumentException(property + " must not be negative, was " + price);
        }
    }
}
