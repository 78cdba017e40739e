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
import io.lamina.gateway.api.ProgressView;
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
        List<StepView> steps = job.steps.stream().map(s -> view(job, s)).toList();
        return new JobView(job.id.toString(), job.status, jobPercent(job), job.createdAt, job.finishedAt,
                job.webhookUrl, error, steps);
    }

    StepView view(Job job, Step s) {
        ErrorView error = s.errorCode == null ? null : new ErrorView(s.errorCode, s.errorMessage, s.errorRetryable);
        UsageView usage = s.usageUnits == null ? null : new UsageView(s.usageUnits, s.usageUnit);
        ProgressView progress = new ProgressView(s.progressDone, s.progressTotal, s.progressUnit,
                (int) Math.round(stepFraction(job, s) * 100));
        return new StepView(s.stepId, s.operation, s.status, s.attempt, progress, json(s.output), usage, error,
                s.parentStepId, s.itemIndex, s.runMillis);
    }

    /** Mean over the job's own steps (item steps count inside their fan-out step). */
    static int jobPercent(Job job) {
        if (io.lamina.gateway.Status.SUCCEEDED.equals(job.status)) {
            return 100;
        }
        List<Step> own = job.steps.stream().filter(s -> s.parentStepId == null).toList();
        double sum = own.stream().mapToDouble(s -> stepFraction(job, s)).sum();
        return own.isEmpty() ? 0 : (int) Math.floor(sum / own.size() * 100);
    }

    /** 1 when succeeded; for a running step, what it reported (or, for a fan-out step, its finished items); else 0. */
    static double stepFraction(Job job, Step s) {
        if (io.lamina.gateway.Status.SUCCEEDED.equals(s.status)) {
            return 1;
        }
        if (!io.lamina.gateway.Status.RUNNING.equals(s.status)) {
            return 0;
        }
        if (s.forEach != null) {
            List<Step> items = job.steps.stream().filter(c -> s.stepId.equals(c.parentStepId)).toList();
            return items.isEmpty() ? 0 : items.stream().mapToDouble(c -> stepFraction(job, c)).sum() / items.size();
        }
        if (s.progressTotal == null || s.progressTotal <= 0 || s.progressDone == null) {
            return 0;
        }
        return Math.min(0.99, (double) s.progressDone / s.progressTotal);
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
