package io.lamina.billing.service;

import io.lamina.billing.config.BillingConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PricesTest {

    @Test
    void pricesConfiguredOperations() {
        Prices prices = new Prices(config(Map.of("sheet_generation", 2L, "document_extraction", 1L), 1));

        assertEquals(2, prices.of("sheet_generation"));
        assertEquals(1, prices.of("document_extraction"));
    }

    @Test
    void chargesDefaultPriceForUnknownOperation() {
        Prices prices = new Prices(config(Map.of("sheet_generation", 2L), 3));

        assertEquals(3, prices.of("video_transcoding"));
        assertEquals(3, prices.of(null));
    }

    @Test
    void refusesNegativePriceAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> new Prices(config(Map.of("image_generation", -1L), 1)));
        assertThrows(IllegalArgumentException.class, () -> new Prices(config(Map.of(), -1)));
    }

    private static BillingConfig config(Map<String, Long> prices, long defaultPrice) {
        return new BillingConfig() {
            @Override
            public Map<String, Long> prices() {
                return prices;
            }

            @Override
            public long defaultPrice() {
                return defaultPrice;
            }

            @Override
            public long lowBalanceThreshold() {
                return 0;
            }

            @Override
            public String expirySweepEvery() {
                return "60s";
            }

            @Override
            public int batchRetries() {
                return 4;
            }

            @Override
            public long batchRetryDelayMillis() {
                return 250;
            }
        };
    }
}
