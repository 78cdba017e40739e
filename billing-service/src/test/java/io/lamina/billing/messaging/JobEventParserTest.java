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

    @Test
    void readsTheTypeWhereverItStandsAndSkipsOutputs() {
        String json = """
                {"event_id":"e-7","version":1,"time":"2026-11-24T08:00:01+01:00","tenant_id":"t-1","job_id":"j-1",
                 "output":{"pages":[{"text":"a","tables":[[1,2],[3,4]]}],"nested":{"type":"job.failed"}},
                 "usage":{"units":"4","unit":"page","extra":[1]},"step_id":"s","operation":"document_extraction",
                 "attempt":2,"type":"step.succeeded"}""";

        StepSucceeded event = assertInstanceOf(StepSucceeded.class, parser.parse(json).orElseThrow());
        assertEquals("e-7", event.eventId());
        assertEquals(java.time.Instant.parse("2026-11-24T07:00:01Z"), event.time());
        assertEquals("s", event.stepId());
        assertEquals("document_extraction", event.operation());
        assertEquals(2, event.attempt());
        assertEquals(4, event.usage().units());
        assertEquals(null, event.output());
    }

    @Test
    void readsSubmissionsKeyAndEstimatesButNotTheEndEventsSteps() {
        JobSubmitted submitted = assertInstanceOf(JobSubmitted.class, parser.parse("""
                {"steps":[{"step_id":"a","operation":"image_generation","estimated_units":2,"params":{"x":1}},
                          {"step_id":"b","operation":"sheet_generation"}],
                 "type":"job.submitted","event_id":"e-8","version":1,"tenant_id":"t-1","job_id":"j-1",
                 "api_key_id":"k-1"}""").orElseThrow());
        assertEquals(List.of(new StepEstimate("a", "image_generation", 2), new StepEstimate("b", "sheet_generation", 0)),
                submitted.steps());
        assertEquals("k-1", submitted.apiKeyId());

        JobEvent completed = parser.parse("""
                {"type":"job.completed","event_id":"e-9","version":1,"tenant_id":"t-1","job_id":"j-1",
                 "steps":[{"step_id":"a","status":"succeeded","output":{"big":[1,2,3]}},null]}""").orElseThrow();
        assertInstanceOf(io.lamina.contracts.jobs.JobCompleted.class, completed);
        assertEquals("j-1", completed.jobId());
    }

    @Test
    void refusesMalformedJobEvents() {
        assertThrows(IllegalArgumentException.class, () -> parser.parse("""
                {"type":"job.submitted","event_id":"e-10","tenant_id":"t-1","job_id":"j-1","steps":[null]}"""));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("""
                {"type":"job.submitted","event_id":"e-11","tenant_id":"t-1","job_id":"j-1","steps":"many"}"""));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("""
                {"type":"step.succeeded","event_id":"e-12","tenant_id":"t-1","job_id":"j-1","step_id":"s",
                 "usage":{"units":"lots"}}"""));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("""
                {"type":"step.succeeded","event_id":"e-13","tenant_id":"t-1","job_id":"j-1","usage":{"units":1}}"""));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("""
                {"type":"job.completed","event_id":"e-14","tenant_id":"t-1","job_id":"j-1","time":"yesterday"}"""));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("""
                {"type":"job.completed","event_id":"e-15","tenant_id":{"id":"t-1"},"job_id":"j-1"}"""));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("{\"type\":\"job.completed\",\"event_id\":"));
        assertTrue(parser.parse("""
                {"type":"job.rejected","event_id":"e-16","tenant_id":"t-1","job_id":"j-1"}""").isEmpty());
    }
}
