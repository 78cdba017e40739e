package io.lamina.billing.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.Usage;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.JobRejected;
import io.lamina.contracts.jobs.JobSubmitted;
import io.lamina.contracts.jobs.StepEstimate;
import io.lamina.contracts.jobs.StepFailed;
import io.lamina.contracts.jobs.StepSucceeded;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code lamina.jobs.events} records. Event types billing does not know (newer producers) are skipped, not
 * dead-lettered; a record that is not a job event at all, or lacks what billing needs, is refused.
 *
 * <p>It reads the record with Jackson's streaming parser and keeps only what billing uses: the envelope ({@code type},
 * {@code event_id}, {@code version}, {@code time}, {@code tenant_id}, {@code job_id}), a submission's {@code steps}
 * (step id, operation, estimated units) and {@code api_key_id}, a step's {@code step_id}, {@code operation},
 * {@code attempt} and {@code usage}. Everything else — in particular the step outputs that {@code step.succeeded} and
 * the {@code job.*} end events carry, which can be large — is skipped without being built into objects, and is left
 * null (or empty) on the returned contract record. The field order does not matter ({@code type} may come last).
 */
@ApplicationScoped
public class JobEventParser {

    private final JsonFactory factory;

    public JobEventParser(ObjectMapper mapper) {
        this.factory = mapper.getFactory();
    }

    /** What one record said, field by field; unknown fields are skipped. */
    private static final class Fields {
        String type;
        boolean typeSeen;
        String eventId;
        int version;
        Instant time;
        String tenantId;
        String jobId;
        String apiKeyId;
        String submissionId;
        List<StepEstimate> steps;
        String stepId;
        String operation;
        int attempt;
        Usage usage;
    }

    /** Empty for an unknown event type; {@link IllegalArgumentException} for anything unusable. */
    public Optional<JobEvent> parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("empty record");
        }
        Fields f;
        try (JsonParser p = factory.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                throw new IllegalArgumentException("record is JSON null");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a job event: not a JSON object");
            }
            f = readEvent(p);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a job event: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a job event: " + e.getMessage(), e);
        }
        if (!f.typeSeen || f.type == null) {
            throw new IllegalArgumentException("job event without type");
        }
        JobEvent event = switch (f.type) {
            case JobSubmitted.TYPE -> new JobSubmitted(f.eventId, f.version, f.time, f.tenantId, f.jobId, f.steps, null,
                    f.submissionId, f.apiKeyId);
            case StepSucceeded.TYPE -> new StepSucceeded(f.eventId, f.version, f.time, f.tenantId, f.jobId, f.stepId,
                    f.operation, f.attempt, f.usage, null);
            case StepFailed.TYPE -> new StepFailed(f.eventId, f.version, f.time, f.tenantId, f.jobId, f.stepId,
                    f.operation, f.attempt, null);
            case JobCompleted.TYPE -> new JobCompleted(f.eventId, f.version, f.time, f.tenantId, f.jobId, List.of(),
                    null);
            case JobFailed.TYPE -> new JobFailed(f.eventId, f.version, f.time, f.tenantId, f.jobId, null, List.of(),
                    null);
            case JobCancelled.TYPE -> new JobCancelled(f.eventId, f.version, f.time, f.tenantId, f.jobId, List.of(),
                    null);
            case JobRejected.TYPE -> null;  // no job was made, so nothing was held
            default -> null;                 // a type named but unknown here: another consumer's business
        };
        if (event == null) {
            return Optional.empty();
        }
        if (event instanceof JobSubmitted && f.steps != null && f.steps.contains(null)) {
            throw new IllegalArgumentException("job.submitted has a null step");
        }
        require(event.eventId(), "event_id");
        require(event.tenantId(), "tenant_id");
        require(event.jobId(), "job_id");
        if (event instanceof StepSucceeded) {
            require(f.stepId, "step_id");
        }
        return Optional.of(event);
    }

    private static Fields readEvent(JsonParser p) throws IOException {
        Fields f = new Fields();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> {
                    f.typeSeen = true;
                    f.type = text(p, value, name);
                }
                case "event_id" -> f.eventId = text(p, value, name);
                case "version" -> f.version = (int) number(p, value, name);
                case "time" -> f.time = instant(p, value);
                case "tenant_id" -> f.tenantId = text(p, value, name);
                case "job_id" -> f.jobId = text(p, value, name);
                case "api_key_id" -> f.apiKeyId = text(p, value, name);
                case "submission_id" -> f.submissionId = text(p, value, name);
                case "step_id" -> f.stepId = text(p, value, name);
                case "operation" -> f.operation = text(p, value, name);
                case "attempt" -> f.attempt = (int) number(p, value, name);
                case "usage" -> f.usage = usage(p, value);
                // Only a submission's steps matter (estimates); the end events' steps carry outputs: skipped.
                case "steps" -> {
                    if (f.type == null || JobSubmitted.TYPE.equals(f.type)) {
                        f.steps = estimates(p, value);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();  // output, error, webhook_url, fields of newer producers
            }
        }
        return f;
    }

    private static List<StepEstimate> estimates(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("not a job event: steps is not an array");
        }
        List<StepEstimate> steps = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_NULL) {
                steps.add(null);  // refused below if the event is a job.submitted
                continue;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a job event: a step is not an object");
            }
            String stepId = null;
            String operation = null;
            long units = 0;
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                switch (name) {
                    case "step_id" -> stepId = text(p, v, name);
                    case "operation" -> operation = text(p, v, name);
                    case "estimated_units" -> units = number(p, v, name);
                    default -> p.skipChildren();
                }
            }
            steps.add(new StepEstimate(stepId, operation, units));
        }
        return steps;
    }

    private static Usage usage(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("not a job event: usage is not an object");
        }
        long units = 0;
        String unit = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "units" -> units = number(p, v, name);
                case "unit" -> unit = text(p, v, name);
                default -> p.skipChildren();
            }
        }
        return new Usage(units, unit);
    }

    /** A string field; a number or boolean is taken as its text (as Jackson's data binding does); null stays null. */
    private static String text(JsonParser p, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.isScalarValue()) {
            return p.getText();
        }
        throw new IllegalArgumentException("not a job event: " + field + " is not a string");
    }

    /** A whole number; a numeric string or a fraction is accepted (as Jackson's data binding does); null is 0. */
    private static long number(JsonParser p, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            return (long) p.getDoubleValue();  // truncated, as Jackson's data binding does by default
        }
        if (value == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a job event: " + field + " is not a whole number", e);
            }
        }
        throw new IllegalArgumentException("not a job event: " + field + " is not a whole number");
    }

    /** An ISO-8601 instant ({@code 2026-11-24T07:00:00Z}, or with an offset); null stays null. */
    private static Instant instant(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("not a job event: time is not an ISO-8601 string");
        }
        String text = p.getText().trim();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("not a job event: time " + text + " is not an ISO-8601 instant",
                        again);
            }
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("job event without " + field);
        }
    }
}
