package io.lamina.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.StepSummary;

import java.util.List;
import java.util.Optional;

/**
 * Turns a job-ended event into the body of its webhook: {@code {"type", "timestamp", "data": {job_id, tenant_id,
 * status, steps, error?}}}. Other events, and events without a {@code webhook_url}, produce nothing.
 */
public final class WebhookPayloads {

    /** What to send, where. {@code json} is the exact body that gets signed. */
    public record Payload(String eventId, String eventType, String tenantId, String jobId, String url, String json) {
    }

    private final ObjectMapper mapper;

    public WebhookPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Optional<Payload> of(JobEvent event) {
        if (event instanceof JobCompleted e) {
            return build(event, JobCompleted.TYPE, "succeeded", e.steps(), null, e.webhookUrl());
        }
        if (event instanceof JobFailed e) {
            return build(event, JobFailed.TYPE, "failed", e.steps(), e.error(), e.webhookUrl());
        }
        if (event instanceof JobCancelled e) {
            return build(event, JobCancelled.TYPE, "cancelled", e.steps(), null, e.webhookUrl());
        }
        return Optional.empty();
    }

    private Optional<Payload> build(JobEvent event, String type, String status, List<StepSummary> steps,
                                    ErrorInfo error, String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        ObjectNode root = mapper.createObjectNode();
        root.put("type", type);
        root.put("timestamp", event.time().toString());
        ObjectNode data = root.putObject("data");
        data.put("job_id", event.jobId());
        data.put("tenant_id", event.tenantId());
        data.put("status", status);
        data.set("steps", mapper.valueToTree(steps == null ? List.of() : steps));
        if (error != null) {
            data.set("error", mapper.valueToTree(error));
        }
        try {
            return Optional.of(new Payload(event.eventId(), type, event.tenantId(), event.jobId(), url.trim(),
                    mapper.writeValueAsString(root)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise webhook payload", e);
        }
    }
}
