package io.lamina.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.BlobRef;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.Operation;
import io.lamina.contracts.Topics;
import io.lamina.contracts.billing.CreditsDenied;
import io.lamina.contracts.billing.CreditsReserved;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.StepCommand;
import io.lamina.contracts.jobs.StepFailed;
import io.lamina.contracts.jobs.StepSucceeded;
import io.lamina.contracts.ops.CancelJob;
import io.lamina.contracts.ops.StepProgress;
import io.lamina.contracts.ops.StepResult;
import io.lamina.contracts.Usage;
import io.lamina.blobs.BlobStore;
import io.lamina.gateway.Job;
import io.lamina.gateway.Status;
import io.lamina.gateway.Step;
import io.lamina.gateway.StoredFile;
import io.lamina.gateway.api.JobView;
import io.lamina.gateway.config.GatewayConfig;
import io.lamina.problem.ApiException;
import io.lamina.outbox.Inbox;
import io.lamina.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The orchestrator's reactions to what other services report: billing decisions start or refuse a job, step results
 * advance it. Every method is one transaction that records the consumed event id, changes the job and queues the
 * resulting commands and events in the outbox, so a redelivered record changes nothing.
 */
@ApplicationScoped
@Transactional
public class JobCoordinator {

    private static final Logger LOG = Logger.getLogger(JobCoordinator.class);

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    JobViews views;

    @Inject
    FileService files;

    @Inject
    JobWaiters waiters;

    @Inject
    ObjectMapper mapper;

    @Inject
    GatewayConfig config;

    @Inject
    StepParams stepParams;

    public void onCreditsReserved(CreditsReserved event) {
        if (!inbox.firstDelivery(event.eventId())) {
            return;
        }
        Job job = Job.lock(UUID.fromString(event.jobId())).orElse(null);
        if (job == null || !Status.QUEUED.equals(job.status)) {
            return;
        }
        Instant now = Instant.now();
        job.status = Status.RUNNING;
        job.updatedAt = now;
        dispatchReady(job, now);
    }

    public void onCreditsDenied(CreditsDenied event) {
        if (!inbox.firstDelivery(event.eventId())) {
            return;
        }
        Job job = Job.lock(UUID.fromString(event.jobId())).orElse(null);
        if (job == null || job.isFinished()) {
            return;
        }
        Instant now = Instant.now();
        cancelUnfinishedSteps(job, now);
        String message = CreditsDenied.BUDGET_EXCEEDED.equals(event.errorCode())
                ? "the job needs " + event.required() + " credits and the API key's budget has " + event.available()
                + " left in this period"
                : "the job needs " + event.required() + " credits and " + event.available() + " are available";
        fail(job, ErrorInfo.permanent(event.errorCode(), message), now);
    }

    public void onStepResult(StepResult result) {
        if (!inbox.firstDelivery(result.eventId())) {
            return;
        }
        Job job = Job.lock(UUID.fromString(result.jobId())).orElse(null);
        if (job == null) {
            LOG.warnf("result for unknown job %s ignored", result.jobId());
            return;
        }
        Step step = job.steps.stream().filter(s -> s.stepId.equals(result.stepId())).findFirst().orElse(null);
        if (step == null || !Status.RUNNING.equals(step.status) || step.attempt != result.attempt()) {
            LOG.infof("late or superseded result ignored: job=%s step=%s attempt=%d", result.jobId(),
                    result.stepId(), result.attempt());
            return;
        }
        Instant now = Instant.now();
        step.finishedAt = now;
        step.runMillis = result.runMillis();
        job.updatedAt = now;
        if (result.isSuccess()) {
            succeed(job, step, result);
        } else {
            attemptFailed(job, step, result.error() == null
                    ? ErrorInfo.permanent("internal_error", "the operation failed without saying why")
                    : result.error(), now);
        }
    }

    /** Progress of a running attempt; a record for another attempt, or a finished step, changes nothing. */
    public void onProgress(StepProgress progress) {
        UUID jobId = UUID.fromString(progress.jobId());
        int updated = Step.update("progressDone = ?1, progressTotal = ?2, progressUnit = ?3 where job.id = ?4"
                        + " and stepId = ?5 and attempt = ?6 and status = ?7", progress.done(), progress.total(),
                progress.unit(), jobId, progress.stepId(), progress.attempt(), Status.RUNNING);
        if (updated > 0) {
            Job.update("updatedAt = ?1 where id = ?2", Instant.now(), jobId);
        }
    }

    /** The running attempt of a step outlived its deadline: it counts as a retryable failure. */
    public void onAttemptOverdue(long stepRowId) {
        Step step = lockedStep(stepRowId);
        Instant now = Instant.now();
        if (step == null || !Status.RUNNING.equals(step.status) || step.attemptDeadline == null
                || step.attemptDeadline.isAfter(now)) {
            return;
        }
        step.job.updatedAt = now;
        attemptFailed(step.job, step, ErrorInfo.temporary("attempt_timeout", "attempt " + step.attempt
                + " did not finish within " + step.attemptTimeoutMs / 1000.0 + " s"), now);
    }

    /** A job outlived its schedule-to-close deadline: what has not finished is cancelled and the job fails. */
    public void onJobOverdue(UUID jobId) {
        Job job = Job.lock(jobId).orElse(null);
        Instant now = Instant.now();
        if (job == null || job.isFinished() || job.deadline == null || job.deadline.isAfter(now)) {
            return;
        }
        cancelUnfinishedSteps(job, now);
        fail(job, ErrorInfo.permanent("job_timeout", "the job did not finish within "
                + java.time.Duration.between(job.createdAt, job.deadline).toSeconds() + " s"), now);
    }

    /** Ids of unfinished jobs whose deadline has passed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UUID> overdueJobs(int limit) {
        return Job.find("status in (?1, ?2) and deadline < ?3", Status.QUEUED, Status.RUNNING, Instant.now())
                .page(0, limit).<Job>list().stream().map(j -> j.id).toList();
    }

    /**
     * A step waiting after a failed attempt is due: its next attempt goes out like any ready step, at once when its
     * tenant has a free slot for the operation, else when one frees up.
     */
    public void onRetryDue(long stepRowId) {
        Step step = lockedStep(stepRowId);
        Instant now = Instant.now();
        if (step == null || !Status.RUNNING.equals(step.job.status) || !Status.QUEUED.equals(step.status)
                || step.nextAttemptAt == null || step.nextAttemptAt.isAfter(now)) {
            return;
        }
        step.nextAttemptAt = null;
        admit(step.job, step, now);
    }

    /**
     * Ends an unfinished job as cancelled: nothing further is dispatched, results still on their way are ignored, and
     * billing releases what the job holds (only finished steps were charged).
     */
    public Optional<JobView> cancel(UUID tenantId, UUID jobId) {
        Job job = Job.lock(jobId).filter(j -> j.tenantId.equals(tenantId)).orElse(null);
        if (job == null) {
            return Optional.empty();
        }
        if (job.isFinished()) {
            throw ApiException.conflict("job_finished", "job " + jobId + " already ended as " + job.status);
        }
        Instant now = Instant.now();
        cancelUnfinishedSteps(job, now);
        job.status = Status.CANCELLED;
        job.finishedAt = now;
        job.updatedAt = now;
        outbox.add(Topics.JOB_EVENTS, job.id.toString(), views.text(JobCancelled.of(job.tenantId.toString(),
                job.id.toString(), views.summaries(job), job.webhookUrl)));
        outbox.add(Topics.OPS_CONTROL, job.id.toString(), views.text(CancelJob.of(job.tenantId.toString(),
                job.id.toString(), Status.CANCELLED)));
        LOG.infof("job cancelled: job=%s", job.id);
        waiters.finished(job.id);
        return Optional.of(views.view(job));
    }

    /** Row ids of running steps whose attempt deadline has passed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> overdueSteps(int limit) {
        return Step.find("status = ?1 and attemptDeadline < ?2", Status.RUNNING, Instant.now())
                .page(0, limit).<Step>list().stream().map(s -> s.id).toList();
    }

    /** Row ids of steps whose next attempt is due. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> dueRetries(int limit) {
        return Step.find("status = ?1 and nextAttemptAt <= ?2", Status.QUEUED, Instant.now())
                .page(0, limit).<Step>list().stream().map(s -> s.id).toList();
    }

    private static void cancelUnfinishedSteps(Job job, Instant now) {
        for (Step step : job.steps) {
            if (!step.isFinished()) {
                step.status = Status.CANCELLED;
                step.finishedAt = now;
                step.attemptDeadline = null;
                step.nextAttemptAt = null;
                step.readySince = null;
            }
        }
    }

    /** The step with its job row locked, or null. */
    private static Step lockedStep(long stepRowId) {
        Step step = Step.findById(stepRowId);
        if (step == null) {
            return null;
        }
        Job job = Job.lock(step.job.id).orElse(null);
        if (job == null) {
            return null;
        }
        Step.getEntityManager().refresh(step);
        return step;
    }

    /** Retries a retryable failure while attempts are left; otherwise the step, and with it the job, fails. */
    private void attemptFailed(Job job, Step step, ErrorInfo error, Instant now) {
        if (error.retryable() && step.attempt < step.maxAttempts) {
            step.status = Status.QUEUED;
            step.errorCode = error.code();
            step.errorMessage = error.message();
            step.errorRetryable = true;
            step.attemptDeadline = null;
            step.finishedAt = null;
            step.nextAttemptAt = now.plus(Backoff.after(step.attempt, config.jobs().retry(),
                    ThreadLocalRandom.current()::nextDouble));
            LOG.infof("attempt %d of step %s failed (%s); attempt %d of %d at %s: job=%s", step.attempt, step.stepId,
                    error.code(), step.attempt + 1, step.maxAttempts, step.nextAttemptAt, job.id);
            return;
        }
        failStep(job, step, error, now);
    }

    /**
     * Admits every step that waits for its first attempt and whose referenced steps all succeeded: it is dispatched
     * at once when its tenant has a free slot for its operation, and otherwise waits for one. A fan-out step becomes
     * its item steps instead.
     */
    private void dispatchReady(Job job, Instant now) {
        for (Step step : List.copyOf(job.steps)) {
            if (job.isFinished()) {
                return;
            }
            if (Status.QUEUED.equals(step.status) && step.attempt == 0 && step.readySince == null
                    && isReady(job, step)) {
                if (step.forEach != null) {
                    fanOut(job, step, now);
                } else {
                    admit(job, step, now);
                }
            }
        }
    }

    /** The step is ready: it goes out now if its tenant has a free slot for its operation, else it waits. */
    private void admit(Job job, Step step, Instant now) {
        step.readySince = now;
        if (hasFreeSlot(step.tenantId, step.operation)) {
            dispatch(job, step, now);
        }
    }

    /**
     * Whether the tenant runs fewer steps of the operation than its cap. Counting and the dispatch that follows are
     * serialized per tenant and operation by a transaction-scoped advisory lock, so concurrent transactions cannot
     * both take the last slot.
     */
    private boolean hasFreeSlot(UUID tenantId, String operation) {
        Step.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, ((long) tenantId.hashCode() << 32) ^ operation.hashCode())
                .getSingleResult();
        long running = Step.count("tenantId = ?1 and operation = ?2 and status = ?3", tenantId, operation,
                Status.RUNNING);
        return running < config.jobs().maxInFlightPerTenant();
    }

    /**
     * Dispatches the tenant's oldest step of {@code operation} that waits for a slot, if a slot is free. One step per
     * transaction, under its job's lock; false when nothing was dispatched (no waiting step, or no free slot).
     */
    public boolean dispatchOneWaiting(UUID tenantId, String operation) {
        Step candidate = Step.find("tenantId = ?1 and operation = ?2 and readySince is not null order by readySince, id",
                tenantId, operation).firstResult();
        if (candidate == null) {
            return false;
        }
        Step step = lockedStep(candidate.id);
        if (step == null || step.readySince == null || !Status.QUEUED.equals(step.status)) {
            return false; // taken meanwhile by another transaction: the next sweep looks again
        }
        if (!Status.RUNNING.equals(step.job.status)) {
            step.readySince = null;
            return true;
        }
        if (!hasFreeSlot(tenantId, operation)) {
            return false;
        }
        dispatch(step.job, step, Instant.now());
        return true;
    }

    /**
     * The operations for which {@code tenantId} (or every tenant, when null) has steps waiting for a slot. Its own
     * transaction: Kafka consumer threads have no request context to lend an EntityManager.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Object[]> waitingQueues(UUID tenantId) {
        return tenantId == null
                ? Step.getEntityManager().createQuery("select distinct s.tenantId, s.operation from Step s"
                + " where s.readySince is not null", Object[].class).getResultList()
                : Step.getEntityManager().createQuery("select distinct s.tenantId, s.operation from Step s"
                + " where s.readySince is not null and s.tenantId = :t", Object[].class)
                .setParameter("t", tenantId).getResultList();
    }

    /**
     * Fan-out: the step runs once per element of the array its {@code for_each} resolves to. Each item step gets the
     * step's params with references resolved and {@code {"$item": pointer}} replaced by the element's value; it is
     * dispatched, retried and timed out like any step. The fan-out step itself succeeds when all items have, with
     * their outputs as an array in item order.
     */
    private void fanOut(Job job, Step parent, Instant now) {
        parent.status = Status.RUNNING;
        parent.attempt = 1;
        parent.startedAt = now;
        JsonNode items;
        JsonNode params;
        try {
            items = StepReferences.substitute(views.json(parent.forEach),
                    (stepId, pointer) -> referencedValue(job, parent, stepId, pointer));
            params = StepReferences.substitute(stepParams.load(parent),
                    (stepId, pointer) -> referencedValue(job, parent, stepId, pointer));
        } catch (BrokenReference e) {
            parent.finishedAt = now;
            failStep(job, parent, ErrorInfo.permanent("invalid_reference", e.getMessage()), now);
            return;
        }
        if (!items.isArray()) {
            parent.finishedAt = now;
            failStep(job, parent, ErrorInfo.permanent("invalid_reference", "for_each of step '" + parent.stepId
                    + "' resolved to " + items.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not an array"), now);
            return;
        }
        if (items.size() > config.jobs().maxFanOut()) {
            parent.finishedAt = now;
            failStep(job, parent, ErrorInfo.permanent("fan_out_too_large", "for_each of step '" + parent.stepId
                    + "' has " + items.size() + " items; at most " + config.jobs().maxFanOut() + " are allowed"), now);
            return;
        }
        LOG.infof("step fans out: job=%s step=%s items=%d", job.id, parent.stepId, items.size());
        List<Step> children = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Step child = new Step();
            child.job = job;
            child.tenantId = parent.tenantId;
            child.stepId = parent.stepId + "[" + i + "]";
            child.position = parent.position;
            child.operation = parent.operation;
            child.status = Status.QUEUED;
            child.estimatedUnits = 0;
            child.dependsOn = "";
            child.maxAttempts = parent.maxAttempts;
            child.attemptTimeoutMs = parent.attemptTimeoutMs;
            child.parentStepId = parent.stepId;
            child.itemIndex = i;
            stepParams.store(child, views.text(StepReferences.substituteItem(params.deepCopy(), items.get(i))));
            child.persist();
            job.steps.add(child);
            children.add(child);
        }
        if (children.isEmpty()) {
            gather(job, parent, now);
            return;
        }
        children.forEach(child -> admit(job, child, now));
    }


    /** All item steps of a fan-out succeeded: the fan-out step succeeds with their outputs in item order. */
    private void gather(Job job, Step parent, Instant now) {
        com.fasterxml.jackson.databind.node.ArrayNode outputs = mapper.createArrayNode();
        job.steps.stream().filter(s -> parent.stepId.equals(s.parentStepId))
                .sorted(java.util.Comparator.comparingInt(s -> s.itemIndex))
                .forEach(s -> outputs.add(s.output == null ? mapper.nullNode() : views.json(s.output)));
        parent.status = Status.SUCCEEDED;
        parent.finishedAt = now;
        parent.output = views.text(outputs);
        // The item steps carry the usage (and were charged); the gathering step adds none.
        Usage usage = new Usage(0, Operation.byId(parent.operation).map(JobCoordinator::unitOf).orElse("call"));
        parent.usageUnits = 0L;
        parent.usageUnit = usage.unit();
        outbox.add(Topics.JOB_EVENTS, job.id.toString(), views.text(StepSucceeded.of(job.tenantId.toString(),
                job.id.toString(), parent.stepId, parent.operation, parent.attempt, usage, outputs)));
        LOG.infof("fan-out gathered: job=%s step=%s items=%d", job.id, parent.stepId, outputs.size());
        finishOrContinue(job, now);
    }

    private static String unitOf(Operation op) {
        return switch (op) {
            case DOCUMENT_EXTRACTION, DOCUMENT_TO_MARKDOWN -> "page";
            default -> "call";
        };
    }

    private static boolean isReady(Job job, Step step) {
        return step.dependencies().stream().allMatch(dep -> job.steps.stream()
                .anyMatch(s -> s.stepId.equals(dep) && Status.SUCCEEDED.equals(s.status)));
    }

    private void dispatch(Job job, Step step, Instant now) {
        JsonNode params = views.json(step.params);
        String paramsBlobId = step.paramsBlobId;
        if (!step.dependencies().isEmpty()) {
            try {
                StepParams.Placed placed = stepParams.place(views.text(StepReferences.substitute(stepParams.load(step),
                        (stepId, pointer) -> referencedValue(job, step, stepId, pointer))));
                params = placed.inline() == null ? null : views.json(placed.inline());
                paramsBlobId = placed.blobId();
            } catch (BrokenReference e) {
                step.attempt++;
                step.finishedAt = now;
                failStep(job, step, ErrorInfo.permanent("invalid_reference", e.getMessage()), now);
                return;
            }
        }
        step.status = Status.RUNNING;
        step.readySince = null;
        step.progressDone = null;
        step.progressTotal = null;
        step.progressUnit = null;
        step.attempt++;
        step.startedAt = now;
        step.attemptDeadline = now.plusMillis(step.attemptTimeoutMs);
        step.nextAttemptAt = null;
        Operation op = Operation.byId(step.operation).orElseThrow();
        StepCommand command = StepCommand.of(job.tenantId.toString(), job.id.toString(), step.stepId, step.operation,
                step.attempt, params, paramsBlobId);
        outbox.add(op.commandTopic(), job.id.toString(), views.text(command));
        LOG.infof("step dispatched: job=%s step=%s operation=%s attempt=%d", job.id, step.stepId, step.operation,
                step.attempt);
    }


    /** A value of a succeeded step's output; files in it become blob references the operation can read. */
    private JsonNode referencedValue(Job job, Step step, String stepId, com.fasterxml.jackson.core.JsonPointer pointer) {
        Step source = job.steps.stream().filter(s -> s.stepId.equals(stepId)).findFirst().orElseThrow();
        JsonNode value = views.json(source.output);
        JsonNode found = value == null ? null : value.at(pointer);
        if (found == null || found.isMissingNode()) {
            throw new BrokenReference("step '" + step.stepId + "' references " + pointer + " of step '" + stepId
                    + "', which its output does not have");
        }
        return toBlobRefs(job, found.deepCopy());
    }

    private JsonNode toBlobRefs(Job job, JsonNode node) {
        return JsonTrees.replace(node, n -> n.isObject() && n.path("file_id").isTextual() && n.has("mime_type"), n -> {
            StoredFile f = StoredFile.findOwned(UUID.fromString(n.get("file_id").asText()), job.tenantId)
                    .orElseThrow(() -> new BrokenReference("file " + n.get("file_id").asText() + " is gone"));
            return mapper.valueToTree(BlobRef.of(f.blobId, f.name, f.mimeType, f.size));
        });
    }

    /** A reference that cannot be resolved when its step is dispatched: the step fails for good. */
    private static final class BrokenReference extends RuntimeException {
        BrokenReference(String message) {
            super(message);
        }
    }

    private void succeed(Job job, Step step, StepResult result) {
        JsonNode output = result.output() == null ? null : result.output().deepCopy();
        output = toFileReferences(job, output);
        Usage usage = result.usage() == null ? Usage.calls(1) : result.usage();
        step.status = Status.SUCCEEDED;
        step.attemptDeadline = null;
        step.errorCode = null;
        step.errorMessage = null;
        step.errorRetryable = null;
        step.output = output == null ? null : views.text(output);
        step.usageUnits = usage.units();
        step.usageUnit = usage.unit();
        outbox.add(Topics.JOB_EVENTS, job.id.toString(), views.text(StepSucceeded.of(job.tenantId.toString(),
                job.id.toString(), step.stepId, step.operation, step.attempt, usage, output)));
        if (step.parentStepId != null) {
            Step parent = job.steps.stream().filter(s -> s.stepId.equals(step.parentStepId)).findFirst().orElseThrow();
            boolean allDone = job.steps.stream().filter(s -> parent.stepId.equals(s.parentStepId))
                    .allMatch(s -> Status.SUCCEEDED.equals(s.status));
            if (allDone && Status.RUNNING.equals(parent.status)) {
                gather(job, parent, step.finishedAt);
            }
            return;
        }
        finishOrContinue(job, step.finishedAt);
    }

    /** The job succeeded when every step did; otherwise the steps that became ready go out. */
    private void finishOrContinue(Job job, Instant now) {
        if (job.steps.stream().allMatch(s -> Status.SUCCEEDED.equals(s.status))) {
            job.status = Status.SUCCEEDED;
            job.finishedAt = now;
            outbox.add(Topics.JOB_EVENTS, job.id.toString(), views.text(JobCompleted.of(job.tenantId.toString(),
                    job.id.toString(), views.summaries(job), job.webhookUrl)));
            LOG.infof("job succeeded: job=%s", job.id);
            waiters.finished(job.id);
        } else {
            dispatchReady(job, now);
        }
    }

    private void failStep(Job job, Step step, ErrorInfo error, Instant now) {
        if (step.parentStepId != null) {
            job.steps.stream().filter(s -> s.stepId.equals(step.parentStepId) && !s.isFinished()).forEach(parent -> {
                parent.status = Status.FAILED;
                parent.finishedAt = now;
                parent.errorCode = error.code();
                parent.errorMessage = "item " + step.itemIndex + " failed: " + error.message();
                parent.errorRetryable = error.retryable();
            });
        }
        step.status = Status.FAILED;
        step.attemptDeadline = null;
        step.errorCode = error.code();
        step.errorMessage = error.message();
        step.errorRetryable = error.retryable();
        outbox.add(Topics.JOB_EVENTS, job.id.toString(), views.text(StepFailed.of(job.tenantId.toString(),
                job.id.toString(), step.stepId, step.operation, step.attempt, error)));
        // The job cannot succeed any more: steps still queued or running are cancelled; their late results are ignored.
        cancelUnfinishedSteps(job, now);
        fail(job, new ErrorInfo(error.code(), "step '" + step.stepId + "' failed: " + error.message(),
                error.retryable()), now);
    }

    private void fail(Job job, ErrorInfo error, Instant now) {
        job.status = Status.FAILED;
        job.errorCode = error.code();
        job.errorMessage = error.message();
        job.finishedAt = now;
        job.updatedAt = now;
        outbox.add(Topics.JOB_EVENTS, job.id.toString(), views.text(JobFailed.of(job.tenantId.toString(),
                job.id.toString(), error, views.summaries(job), job.webhookUrl)));
        if (job.steps.stream().anyMatch(s -> s.startedAt != null && Status.CANCELLED.equals(s.status))) {
            // Steps of the job still run somewhere: tell the operation services to stop them.
            outbox.add(Topics.OPS_CONTROL, job.id.toString(), views.text(CancelJob.of(job.tenantId.toString(),
                    job.id.toString(), Status.FAILED)));
        }
        LOG.infof("job failed: job=%s code=%s", job.id, error.code());
        waiters.finished(job.id);
    }

    /** Replaces each blob reference in an output with a file of the job's tenant: {file_id, name, mime_type, size}. */
    private JsonNode toFileReferences(Job job, JsonNode node) {
        if (node == null) {
            return null;
        }
        return JsonTrees.replace(node,
                n -> n.isObject() && BlobRef.TYPE.equals(n.path("type").asText()) && n.path("blob_id").isTextual(),
                n -> {
                    StoredFile f = files.record(job.tenantId,
                            new BlobStore.StoredBlob(n.get("blob_id").asText(), n.path("size").asLong()),
                            n.path("name").asText("output"), n.path("mime_type").asText(null), job.id);
                    ObjectNode ref = mapper.createObjectNode();
                    ref.put("file_id", f.id.toString());
                    ref.put("name", f.name);
                    ref.put("mime_type", f.mimeType);
                    ref.put("size", f.size);
                    return ref;
                });
    }
}
