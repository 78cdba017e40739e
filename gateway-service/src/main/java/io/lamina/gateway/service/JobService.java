package io.lamina.gateway.service;

import io.lamina.contracts.Operation;
import io.lamina.contracts.Topics;
import io.lamina.contracts.jobs.JobSubmitted;
import io.lamina.contracts.jobs.StepEstimate;
import io.lamina.gateway.Job;
import io.lamina.gateway.Status;
import io.lamina.gateway.Step;
import io.lamina.gateway.api.JobPage;
import io.lamina.gateway.api.JobView;
import io.lamina.gateway.config.GatewayConfig;
import io.lamina.outbox.Outbox;
import io.lamina.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Accepts jobs: validated request → job, steps and {@code job.submitted} in one transaction. */
@ApplicationScoped
@Transactional
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);

    @Inject
    JobRequestParser parser;

    @Inject
    FileInputs fileInputs;

    @Inject
    StepParams stepParams;

    @Inject
    Outbox outbox;

    @Inject
    JobViews views;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    GatewayConfig config;

    /**
     * Validates and stores a job. With an {@code idempotencyKey}, the first request creates the job and stores the
     * answer with it; a concurrent request with the same key waits on the key's row until that commits, then gets the
     * same answer. The same key with a different request is refused.
     */
    public Submission submit(Authenticator.Caller caller, byte[] body, String idempotencyKey, Integer wait) {
        return submit(caller.tenantId(), caller.apiKeyId(), body, idempotencyKey, wait, null);
    }

    /**
     * A submission from {@code lamina.jobs.submissions}: validated like a REST call, idempotent by its submission id
     * (kept apart from REST keys).
     */
    public Submission submitFromIntegrator(UUID tenantId, String submissionId, byte[] body) {
        return submit(tenantId, null, body, "submission:" + submissionId, null, submissionId);
    }

    private Submission submit(UUID tenantId, UUID apiKeyId, byte[] body, String idempotencyKey, Integer wait,
                              String submissionId) {
        JobRequestParser.JobRequest request = parser.parse(body, tenantId);
        String requestHash = null;
        if (idempotencyKey != null) {
            requestHash = ApiKeys.hash(wait + "\n" + new String(body, StandardCharsets.UTF_8));
            Optional<Submission> earlier = idempotencyKeys.claim(tenantId, idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        checkQueueRoom(tenantId, request.steps().size());
        JobView view = create(tenantId, apiKeyId, request, submissionId);
        if (idempotencyKey != null) {
            idempotencyKeys.complete(tenantId, idempotencyKey, UUID.fromString(view.id()), views.text(view));
        }
        return new Submission(view.id(), view, null);
    }

    private JobView create(UUID tenantId, UUID apiKeyId, JobRequestParser.JobRequest request, String submissionId) {
        Instant now = Instant.now();
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.tenantId = tenantId;
        job.status = Status.QUEUED;
        job.webhookUrl = request.webhookUrl();
        job.createdAt = now;
        job.updatedAt = now;
        job.deadline = now.plus(request.timeoutSeconds() != null
                ? java.time.Duration.ofSeconds(request.timeoutSeconds()) : config.jobs().jobTimeout());
        List<StepEstimate> estimates = new ArrayList<>();
        int position = 0;
        for (JobRequestParser.StepRequest r : request.steps()) {
            int fileCount = fileInputs.normalize(tenantId, r.params(), "steps[" + position + "].params");
            int items = 1;
            if (r.forEach() != null) {
                int itemFiles = fileInputs.normalize(tenantId, r.forEach(), "steps[" + position + "].for_each");
                // An array written out: one run per element. A referenced array's size is known only later: one
                // run is reserved, and billing's overrun policy covers the rest.
                items = r.forEach().isArray() ? Math.max(1, r.forEach().size()) : 1;
                fileCount += (itemFiles + items - 1) / items;
            }
            Step step = new Step();
            step.job = job;
            step.stepId = r.id();
            step.tenantId = tenantId;
            step.forEach = r.forEach() == null ? null : views.text(r.forEach());
            step.position = position++;
            step.operation = r.operation().id();
            step.status = Status.QUEUED;
            step.estimatedUnits = estimateUnits(r.operation(), fileCount) * items;
            step.dependsOn = String.join(",", r.dependsOn());
            step.maxAttempts = r.maxAttempts() != null ? r.maxAttempts() : config.jobs().retry().maxAttempts();
            step.attemptTimeoutMs = r.timeoutSeconds() != null ? r.timeoutSeconds() * 1000L
                    : config.jobs().attemptTimeout().toMillis();
            stepParams.store(step, views.text(r.params()));
            job.steps.add(step);
            estimates.add(new StepEstimate(step.stepId, step.operation, step.estimatedUnits));
        }
        job.persist();
        outbox.add(Topics.JOB_EVENTS, job.id.toString(), views.text(
                JobSubmitted.of(tenantId.toString(), job.id.toString(), estimates, job.webhookUrl,
                        submissionId, apiKeyId == null ? null : apiKeyId.toString())));
        MDC.put("jobId", job.id.toString());
        MDC.put("tenantId", tenantId.toString());
        LOG.infof("job submitted: job=%s tenant=%s steps=%d", job.id, tenantId, job.steps.size());
        MDC.remove("jobId");
        MDC.remove("tenantId");
        return views.view(job);
    }

    /**
     * Backpressure: a tenant's unfinished steps are bounded, so one tenant's flood cannot grow the queue without end.
     * Concurrent submissions may overshoot the bound by their own size; it is a guard, not an exact quota.
     */
    private void checkQueueRoom(UUID tenantId, int newSteps) {
        long unfinished = Step.count("tenantId = ?1 and status in (?2, ?3)", tenantId, Status.QUEUED, Status.RUNNING);
        int limit = config.jobs().maxQueuedStepsPerTenant();
        if (unfinished + newSteps > limit) {
            throw ApiException.tooManyRequests("tenant_queue_full", "the tenant has " + unfinished
                    + " unfinished steps and may have at most " + limit + "; retry when some have finished",
                    Math.max(1, config.jobs().queueFullRetryAfter().toSeconds()));
        }
    }

    /** The tenant's jobs, newest first, optionally of one status; {@code cursor} is a page's {@code next_cursor}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public JobPage list(UUID tenantId, String status, int limit, String cursor) {
        StringBuilder query = new StringBuilder("tenantId = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        if (cursor != null) {
            JobCursor after = JobCursor.parse(cursor);
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.put("at", after.createdAt());
            params.put("id", after.id());
        }
        List<Job> jobs = Job.<Job>find(query + " order by createdAt desc, id desc", params).page(0, limit + 1).list();
        boolean more = jobs.size() > limit;
        List<Job> page = more ? jobs.subList(0, limit) : jobs;
        String next = more ? new JobCursor(page.get(limit - 1).createdAt, page.get(limit - 1).id).encode() : null;
        return new JobPage(page.stream().map(views::view).toList(), next);
    }

    /** Like {@link #find}, in a transaction of its own: for threads outside a request (event streams). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<JobView> current(UUID tenantId, UUID jobId) {
        return Job.findOwned(jobId, tenantId).map(views::view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<JobView> find(UUID tenantId, UUID jobId) {
        return Job.findOwned(jobId, tenantId).map(views::view);
    }

    /**
     * Page-priced operations report real pages later; the estimate holds one page per input file (at least one), and
     * billing's overage policy covers the difference.
     */
    /**
     * What a job document would reserve, step by step, without submitting it (validated like a submission). File
     * inputs are counted, not stored.
     */
    public List<StepEstimate> estimate(UUID tenantId, byte[] body) {
        JobRequestParser.JobRequest request = parser.parse(body, tenantId);
        List<StepEstimate> estimates = new ArrayList<>();
        for (JobRequestParser.StepRequest r : request.steps()) {
            int files = countFiles(r.params());
            int items = 1;
            if (r.forEach() != null && r.forEach().isArray()) {
                items = Math.max(1, r.forEach().size());
                files += (countFiles(r.forEach()) + items - 1) / items;
            }
            estimates.add(new StepEstimate(r.id(), r.operation().id(), estimateUnits(r.operation(), files) * items));
        }
        return estimates;
    }

    private static int countFiles(com.fasterxml.jackson.databind.JsonNode node) {
        if (io.lamina.params.StepValues.isFileInput(node)) {
            return 1;
        }
        int n = 0;
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
            n += countFiles(child);
        }
        return n;
    }

    static long estimateUnits(Operation op, int fileCount) {
        return switch (op) {
            case DOCUMENT_EXTRACTION, DOCUMENT_TO_MARKDOWN -> Math.max(1, fileCount);
            default -> 1;
        };
    }

}
