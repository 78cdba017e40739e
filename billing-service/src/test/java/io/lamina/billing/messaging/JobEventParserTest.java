package io.lamina.billing.messaging;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobSubmitted;
import io.lamina.contracts.jobs.StepEstimate;
import io.lamina.contracts.jobs.StepSucceeded;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobEventParserTest {

    private final JobEventParser parser = new JobEventParser(JsonMapper.builder().findAndAddModules().build());

    @Test
    void readsJobSubmittedAsTheGatewayWritesIt() {
        String json = """
                {"type":"job.submitted","event_id":"e-1","version":1,"time":"2026-11-24T07:00:00Z",
                 "tenant_id":"t-1","job_id":"j-1","webhook_url":"https://example.test/hook",
                 "steps":[{"step_id":"s","operation":"sheet_generation","estimated_units":3}]}""";

        JobSubmitted event = assertInstanceOf(JobSubmitted.class, parser.parse(json).orElseThrow());
        assertEquals("e-1", event.eventId());
        assertEquals(List.of(new StepEstimate("s", "sheet_generation", 3)), event.steps());
    }

    @Test
    void readsStepSucceededUsage() {
        String json = """
                {"type":"step.succeeded","event_id":"e-2","version":1,"time":"2026-11-24T07:00:01Z",
                 "tenant_id":"t-1","job_id":"j-1","step_id":"s","operation":"document_extraction","attempt":1,
                 "usage":{"units":12,"unit":"page"},"output":{"text":"..."}}""";

        StepSucceeded event = assertInstanceOf(StepSucceeded.class, parser.parse(json).orElseThrow());
        assertEquals(12, event.usage().units());
    }

    @Test
    void skipsUnknownEventTypes() {
        Optional<JobEvent> event = parser.parse("""
                {"type":"job.paused","event_id":"e-3","version":1,"tenant_id":"t-1","job_id":"j-1"}""");

        assertTrue(event.isEmpty());
    }

    @Test
    void toleratesFieldsAddedByNewerProducers() {
        String json = """
                {"type":"job.completed","event_id":"e-4","version":1,"time":"2026-11-24T07:00:02Z",
                 "tenant_id":"t-1","job_id":"j-1","steps":[],"priority":"high"}""";

        assertTrue(parser.parse(json).isPresent());
    }

    @Test
    void refusesRecordsThatAreNotJobEvents() {
        assertThrows(IllegalArgumentException.class, () -> parser.parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("{\"event_id\":\"e-5\"}"));
        assertThrows(IllegalArgumentException.class, () -> parser.parse(""));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("null"));
    }

    @Test
    void refusesJobEventsWithoutIds() {
        assertThrows(IllegalArgumentException.class, () -> parser.parse("""
                {"type":"job.completed","version":1,"tenant_id":"t-1","job_id":"j-1","steps":[]}"""));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("""
                {"type":"job.completed","event_id":"e-6","version":1,"tenant_id":"t-1","steps":[]}"""));
    }
}
