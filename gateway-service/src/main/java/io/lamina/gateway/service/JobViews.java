package io.lamina.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.jobs.StepSummary;
import io.lamina.gateway.Job;
import io.lamina.gateway.Step;
import io.lamina.gateway.api.ErrorView;
import io.lamina.gateway.api.JobView;
import io.lamina.gateway.api.StepView;
import io.lamina.gateway.api.UsageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Maps job and step entities to what the API and the event log show. Entities never go on the wire. */
@ApplicationScoped
public class JobViews {

    @Inject
    ObjectMapper mapper;

    public JobView view(Job job) {
        ErrorView error = job.errorCode == null ? null : new ErrorView(job.errorCode, job.errorMessage, null);
        List<StepView> steps = job.steps.stream().map(this::view).toList();
        return new JobView(job.id.toString(), job.status, job.createdAt, job.finishedAt, job.webhookUrl, error, steps);
    }

    StepView view(Step s) {
        ErrorView error = s.errorCode == null ? null : new ErrorView(s.errorCode, s.errorMessage, s.errorRetryable);
        UsageView usage = s.usageUnits == null ? null : new UsageView(s.usageUnits, s.usageUnit);
        return new StepView(s.stepId, s.operation, s.status, s.attempt, json(s.output), usage, error);
    }

    List<StepSummary> summaries(Job job) {
        return job.steps.stream().map(s -> new StepSummary(s.stepId, s.operation, s.status, json(s.output),
                s.errorCode == null ? null : new ErrorInfo(s.errorCode, s.errorMessage, Boolean.TRUE.equals(s.errorRetryable))))
                .toList();
    }

    JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt", e);
        }
    }

    String text(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
