package io.lamina.billing.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobRejected;
import io.lamina.contracts.jobs.JobSubmitted;
import io.lamina.contracts.jobs.StepSucceeded;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Reads {@code lamina.jobs.events} records. Event types billing does not know (newer producers) are skipped, not
 * dead-lettered; a record that is not a job event at all, or lacks what billing needs, is refused.
 */
@ApplicationScoped
public class JobEventParser {

    private final ObjectReader reader;

    public JobEventParser(ObjectMapper mapper) {
        this.reader = mapper.readerFor(JobEvent.class)
                .with(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Empty for an unknown event type; {@link IllegalArgumentException} for anything unusable. */
    public Optional<JobEvent> parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("empty record");
        }
        JobEvent event;
        try {
            event = reader.readValue(json);
        } catch (InvalidTypeIdException e) {
            if (e.getTypeId() != null) {
                return Optional.empty();  // a type named but unknown here: another consumer's business
            }
            throw new IllegalArgumentException("job event without type", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a job event: " + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new IllegalArgumentException("record is JSON null");
        }
        if (event instanceof JobRejected) {
            return Optional.empty();  // no job was made, so nothing was held
        }
        require(event.eventId(), "event_id");
        require(event.tenantId(), "tenant_id");
        require(event.jobId(), "job_id");
        if (event instanceof StepSucceeded succeeded) {
            require(succeeded.stepId(), "step_id");
        }
        if (event instanceof JobSubmitted submitted && submitted.steps() != null) {
            submitted.steps().forEach(step -> {
                if (step == null) {
                    throw new IllegalArgumentException("job.submitted has a null step");
                }
            });
        }
        return Optional.of(event);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("job event without " + field);
        }
    }
}
