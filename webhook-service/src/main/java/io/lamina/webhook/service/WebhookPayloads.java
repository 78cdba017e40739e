package io.lamina.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.billing.CreditsLow;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.StepFailed;
import io.lamina.contracts.jobs.StepSummary;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns an event into the body of its webhook, {@code {"type", "timestamp", "data"}}:
 * <ul>
 *   <li>{@code job.completed|failed|cancelled}: {@code data = {job_id, tenant_id, status, steps, error?}}</li>
 *   <li>{@code step.failed}: {@code data = {job_id, tenant_id, step_id, operation, attempt, error}}</li>
 *   <li>{@code credits.low}: {@code data = {tenant_id, balance, threshold}}</li>
 *   <li>{@code endpoint.disabled}: {@code data = {tenant_id, endpoint_id, url, reason, failing_since?}}</li>
 * </ul>
 * Other job events produce nothing.
 */
public final class WebhookPayloads {

    /**
     * What to announce. {@code json} is the exact body that gets signed; {@code jobUrl} is the job's own
     * {@code webhook_url} (job-ended events only), null otherwise.
     */
    public record Payload(String eventId, String eventType, String tenantId, String jobId, String jobUrl, String json) {
    }

    private final ObjectMapper mapper;

    public WebhookPayloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Optional<Payload> of(JobEvent event) {
        if (event instanceof JobCompleted e) {
            return Optional.of(jobEnded(event, JobCompleted.TYPE, "succeeded", e.steps(), null, e.webhookUrl()));
        }
        if (event instanceof JobFailed e) {
            return Optional.of(jobEnded(event, JobFailed.TYPE, "failed", e.steps(), e.error(), e.webhookUrl()));
        }
        if (event instanceof JobCancelled e) {
            return Optional.of(jobEnded(event, JobCancelled.TYPE, "cancelled", e.steps(), null, e.webhookUrl()));
        }
        if (event instanceof StepFailed e) {
            return Optional.of(build(e.eventId(), StepFailed.TYPE, e.time(), e.tenantId(), e.jobId(), null, data -> {
                data.put("job_id", e.jobId());
                data.put("tenant_id", e.tenantId());
                data.put("step_id", e.stepId());
                data.put("operation", e.operation());
                data.put("attempt", e.attempt());
                if (e.error() != null) {
                    data.set("error", mapper.valueToTree(e.error()));
                }
            }));
        }
        return Optional.empty();
    }

    public Payload of(CreditsLow e) {
        return build(e.eventId(), CreditsLow.TYPE, e.time(), e.tenantId(), null, null, data -> {
            data.put("tenant_id", e.tenantId());
            data.put("balance", e.balance());
            data.put("threshold", e.threshold());
        });
    }

    public Payload endpointDisabled(String eventId, Instant time, String tenantId, String endpointId, String url,
                                    String reason, Instant failingSince) {
        return build(eventId, EventTypes.ENDPOINT_DISABLED, time, tenantId, null, null, data -> {
            data.put("tenant_id", tenantId);
            data.put("endpoint_id", endpointId);
            data.put("url", url);
            data.put("reason", reason);
            if (failingSince != null) {
                data.put("failing_since", failingSince.toString());
            }
        });
    }

    private Payload jobEnded(JobEvent event, String type, String status, List<StepSummary> steps, ErrorInfo error,
                             String url) {
        String jobUrl = url == null || url.isBlank() ? null : url.trim();
        return build(event.eventId(), type, event.time(), event.tenantId(), event.jobId(), jobUrl, data -> {
            data.put("job_id", event.jobId());
            data.put("tenant_id", event.tenantId());
            data.put("status", status);
            data.set("steps", mapper.valueToTree(steps == null ? List.of() : steps));
            if (error != null) {
                data.set("error", mapper.valueToTree(error));
            }
        });
    }

    private Payload build(String eventId, String type, Instant time, String tenantId, String jobId, String jobUrl,
                          Consumer<ObjectNode> data) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", type);
        root.put("timestamp", time.toString());
        data.accept(root.putObject("data"));
        try {
            return new Payload(eventId, type, tenantId, jobId, jobUrl, mapper.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise webhook payload", e);
        }
    }
}
