package io.lamina.billing.service;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lamina.contracts.billing.CreditsCaptured;
import io.lamina.contracts.billing.CreditsReserved;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exact JSON billing emits, so drift against the gateway's reader shows up here. */
class BillingEventsJsonTest {

    private static final Instant TIME = Instant.parse("2026-11-24T07:00:00Z");
    private final ObjectWriter writer = BillingEvents.writer(JsonMapper.builder().findAndAddModules().build());

    @Test
    void writesCreditsReservedWithTypeAndSnakeCase() throws Exception {
        String json = writer.writeValueAsString(new CreditsReserved("e-1", 1, TIME, "t-1", "j-1", 4, 6));

        assertEquals("{\"type\":\"credits.reserved\",\"event_id\":\"e-1\",\"version\":1,"
                + "\"time\":\"2026-11-24T07:00:00Z\",\"tenant_id\":\"t-1\",\"job_id\":\"j-1\",\"amount\":4,"
                + "\"available\":6}", json);
    }

    @Test
    void writesCreditsCapturedWithStepAndBalanceAfter() throws Exception {
        String json = writer.writeValueAsString(new CreditsCaptured("e-2", 1, TIME, "t-1", "j-1", "s-1", 2, 8));

        assertEquals("{\"type\":\"credits.captured\",\"event_id\":\"e-2\",\"version\":1,"
                + "\"time\":\"2026-11-24T07:00:00Z\",\"tenant_id\":\"t-1\",\"job_id\":\"j-1\",\"step_id\":\"s-1\","
                + "\"amount\":2,\"balance\":8}", json);
    }
}
