package io.lamina.webhook.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lamina.webhook.service.WebhookPayloads;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which records of lamina.jobs.events become a webhook body, which are skipped and which are dead letters. */
class JobEventsConsumerTest {

    private final JobEventsConsumer consumer = new JobEventsConsumer();

    JobEventsConsumerTest() {
        consumer.mapper = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        consumer.init();
    }

    private static final String ENVELOPE = "\"event_id\":\"e1\",\"version\":1,\"time\":\"2026-11-24T20:00:00Z\","
            + "\"tenant_id\":\"t_1\",\"job_id\":\"job_1\"";

    @Test
    void jobEndedAndStepFailedRecordsBecomeWebhooks() throws IOException {
        WebhookPayloads.Payload completed = consumer.payloadOf("{" + ENVELOPE + ",\"steps\":[],"
                + "\"webhook_url\":\" http://127.0.0.1:9/hook \",\"type\":\"job.completed\"}");
        assertEquals("job.completed", completed.eventType());
        assertEquals("e1", completed.eventId());
        assertEquals("t_1", completed.tenantId());
        assertEquals("http://127.0.0.1:9/hook", completed.jobUrl());
        assertEquals("{\"type\":\"job.completed\",\"timestamp\":\"2026-11-24T20:00:00Z\",\"data\":{\"job_id\":\"job_1\","
                + "\"tenant_id\":\"t_1\",\"status\":\"succeeded\",\"steps\":[]}}", completed.json());
        WebhookPayloads.Payload stepFailed = consumer.payloadOf("{\"type\":\"step.failed\"," + ENVELOPE
                + ",\"step_id\":\"s\",\"operation\":\"sheet_generation\",\"attempt\":3,"
                + "\"error\":{\"code\":\"timeout\",\"message\":\"m\",\"retryable\":true}}");
        assertEquals("step.failed", stepFailed.eventType());
        assertNull(stepFailed.jobUrl());
        assertEquals("job.cancelled", consumer.payloadOf("{\"type\":\"job.cancelled\"," + ENVELOPE + "}").eventType());
        assertEquals("job.failed", consumer.payloadOf("{\"type\":\"job.failed\"," + ENVELOPE + "}").eventType());
    }

    @Test
    void otherTypesAreSkippedEvenWhenTheyWouldNotFitTheirContract() throws IOException {
        assertNull(consumer.payloadOf("{\"type\":\"step.succeeded\"," + ENVELOPE + ",\"output\":{\"rows\":[1,2]}}"));
        assertNull(consumer.payloadOf("{\"type\":\"job.submitted\",\"time\":\"not a time\"}"));
        assertNull(consumer.payloadOf("{\"type\":\"job.exploded\"," + ENVELOPE + "}"), "unknown types are skipped");
        assertNull(consumer.payloadOf("[1,2]"));
        assertNull(consumer.payloadOf(""));
    }

    @Test
    void recordsThatCannotBeHandledAreRefusedSoThatTheyAreDeadLettered() {
        assertThrows(IOException.class, () -> consumer.payloadOf("this is not a job event"));
        assertThrows(IOException.class, () -> consumer.payloadOf("{\"type\":\"step.succeeded\",\"output\":{"));
        assertThrows(IOException.class, () -> consumer.payloadOf("{\"type\":\"job.completed\"," + ENVELOPE
                + ",\"steps\":\"not a list\"}"));
        assertThrows(IOException.class, () -> consumer.payloadOf("{\"type\":\"job.completed\",\"event_id\":\"e\","
                + "\"tenant_id\":\"t\",\"time\":\"yesterday\"}"));
        assertThrows(IllegalArgumentException.class, () -> consumer.payloadOf("{\"type\":\"job.completed\","
                + "\"time\":\"2026-11-24T20:00:00Z\",\"tenant_id\":\"t_1\"}"), "no event_id");
        assertThrows(IllegalArgumentException.class, () -> consumer.payloadOf("{\"type\":\"job.failed\","
                + "\"event_id\":\"e\",\"time\":\"2026-11-24T20:00:00Z\"}"), "no tenant_id");
        assertThrows(IllegalArgumentException.class, () -> consumer.payloadOf("{\"type\":\"step.failed\","
                + "\"event_id\":\"e\",\"tenant_id\":\"t\"}"), "no time");
        assertThrows(IllegalArgumentException.class, () -> consumer.payloadOf(null));
    }
}
