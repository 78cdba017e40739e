package io.lamina.webhook.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lamina.contracts.billing.CreditsLow;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which records of lamina.billing.events become credits.low webhooks, which are skipped, which are dead letters. */
class BillingEventsConsumerTest {

    private final BillingEventsConsumer consumer = new BillingEventsConsumer();

    BillingEventsConsumerTest() {
        consumer.mapper = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Test
    void creditsLowIsReadWhereverItsTypeIs() throws IOException {
        CreditsLow low = consumer.creditsLowOf("{\"event_id\":\"e1\",\"version\":1,\"time\":\"2026-11-24T20:00:00Z\","
                + "\"tenant_id\":\"t_1\",\"balance\":5,\"threshold\":10,\"type\":\"credits.low\"}");
        assertEquals("e1", low.eventId());
        assertEquals("t_1", low.tenantId());
        assertEquals(5, low.balance());
    }

    @Test
    void otherBillingRecordsAreSkipped() throws IOException {
        assertNull(consumer.creditsLowOf("{\"type\":\"credits.captured\",\"event_id\":\"e\",\"amount\":2}"));
        assertNull(consumer.creditsLowOf("{\"type\":\"credits.reserved\",\"time\":\"not a time\"}"));
        assertNull(consumer.creditsLowOf("{\"type\":\"credits.unheard_of\"}"));
        assertNull(consumer.creditsLowOf("{}"));
    }

    @Test
    void recordsThatCannotBeHandledAreRefused() {
        assertThrows(IOException.class, () -> consumer.creditsLowOf("not a billing event"));
        assertThrows(IOException.class, () -> consumer.creditsLowOf("{\"type\":\"credits.captured\",\"amount\":"));
        assertThrows(IOException.class, () -> consumer.creditsLowOf("{\"type\":\"credits.low\",\"event_id\":\"e\","
                + "\"tenant_id\":\"t\",\"time\":\"2026-11-24T20:00:00Z\",\"balance\":\"lots\"}"));
        assertThrows(IllegalArgumentException.class, () -> consumer.creditsLowOf("{\"type\":\"credits.low\","
                + "\"event_id\":\"e\",\"time\":\"2026-11-24T20:00:00Z\",\"balance\":1,\"threshold\":2}"));
        assertThrows(IllegalArgumentException.class, () -> consumer.creditsLowOf(null));
    }
}
