package io.lamina.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.billing.BillingEvent;
import io.lamina.contracts.billing.CreditsLow;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.StepFailed;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobSubmitted;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookPayloadsTest {

    /** Configured like Quarkus' ObjectMapper: java.time support, ISO dates, unknown properties tolerated. */
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final WebhookPayloads payloads = new WebhookPayloads(mapper);

    private JobEvent fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
            return mapper.readValue(in, JobEvent.class);
        }
    }

    @Test
    void describesAFailedJobWithItsErrorAndStepsAsTheyCame() throws IOException {
        WebhookPayloads.Payload p = payloads.of(fixture("job.failed.json")).orElseThrow();
        assertEquals("{\"type\":\"job.failed\",\"timestamp\":\"2025-01-02T03:04:05.678Z\",\"data\":{"
                + "\"job_id\":\"job_1\",\"tenant_id\":\"t_1\",\"status\":\"failed\",\"steps\":["
                + "{\"step_id\":\"extract\",\"operation\":\"document_extraction\",\"status\":\"failed\","
                + "\"error\":{\"code\":\"operation_failed\",\"message\":\"page 3 is encrypted\",\"retryable\":false}},"
                + "{\"step_id\":\"sheet\",\"operation\":\"sheet_generation\",\"status\":\"cancelled\"}],"
                + "\"error\":{\"code\":\"operation_failed\",\"message\":\"page 3 is encrypted\",\"retryable\":false}}}",
                p.json());
        assertEquals("https://hooks.example.com/lamina", p.jobUrl());
        assertEquals("job_1", p.jobId());
        assertEquals("5b0c8d1e-6a3f-4e38-9d55-0e9c1f3a7b21", p.eventId());
        assertEquals("job.failed", p.eventType());
    }

    @Test
    void describesACompletedJobWithoutError() throws IOException {
        WebhookPayloads.Payload p = payloads.of(fixture("job.completed.json")).orElseThrow();
        assertEquals("{\"type\":\"job.completed\",\"timestamp\":\"2025-01-02T03:04:05Z\",\"data\":{"
                + "\"job_id\":\"job_2\",\"tenant_id\":\"t_1\",\"status\":\"succeeded\",\"steps\":["
                + "{\"step_id\":\"s\",\"operation\":\"sheet_generation\",\"status\":\"succeeded\","
                + "\"output\":{\"file_id\":\"f\",\"rows\":[1,2]}}]}}", p.json());
    }

    @Test
    void marksCancelledJobsCancelled() throws IOException {
        WebhookPayloads.Payload p = payloads.of(JobCancelled.of("t", "j", List.of(), "https://x.example/h")).orElseThrow();
        assertTrue(p.json().contains("\"status\":\"cancelled\""), p.json());
        assertTrue(p.json().contains("\"steps\":[]"), p.json());
    }

    @Test
    void describesJobsWithoutWebhookUrlForTheEndpointsOnly() {
        assertNull(payloads.of(JobCancelled.of("t", "j", List.of(), null)).orElseThrow().jobUrl());
        assertNull(payloads.of(JobCancelled.of("t", "j", List.of(), "  ")).orElseThrow().jobUrl());
    }

    @Test
    void describesAFailedStep() {
        StepFailed e = new StepFailed("ev1", 1, Instant.parse("2026-01-02T03:04:05Z"), "t_1", "job_1", "ocr",
                "document_extraction", 3, ErrorInfo.permanent("malformed_document", "not a PDF"));
        WebhookPayloads.Payload p = payloads.of(e).orElseThrow();
        assertEquals("{\"type\":\"step.failed\",\"timestamp\":\"2026-01-02T03:04:05Z\",\"data\":{"
                + "\"job_id\":\"job_1\",\"tenant_id\":\"t_1\",\"step_id\":\"ocr\","
                + "\"operation\":\"document_extraction\",\"attempt\":3,\"error\":{\"code\":\"malformed_document\","
                + "\"message\":\"not a PDF\",\"retryable\":false}}}", p.json());
        assertNull(p.jobUrl(), "a job's webhook_url gets job-ended events only");
        assertEquals("step.failed", p.eventType());
    }

    @Test
    void describesLowCreditsFromBillingsRecord() throws IOException {
        String record = "{\"type\":\"credits.low\",\"event_id\":\"ev2\",\"version\":1,"
                + "\"time\":\"2026-01-02T03:04:05Z\",\"tenant_id\":\"t_1\",\"balance\":42,\"threshold\":100,"
                + "\"future_field\":true}";
        CreditsLow e = (CreditsLow) mapper.readValue(record, BillingEvent.class);
        WebhookPayloads.Payload p = payloads.of(e);
        assertEquals("{\"type\":\"credits.low\",\"timestamp\":\"2026-01-02T03:04:05Z\",\"data\":{"
                + "\"tenant_id\":\"t_1\",\"balance\":42,\"threshold\":100}}", p.json());
        assertNull(p.jobId());
        assertEquals("ev2", p.eventId());
    }

    @Test
    void skipsEventsThatDoNotEndAJob() {
        assertTrue(payloads.of(JobSubmitted.of("t", "j", List.of(), "https://x.example/h", null, null)).isEmpty());
    }
}
