package io.lamina.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.Topics;
import io.lamina.contracts.jobs.JobRejected;
import io.lamina.contracts.submissions.JobSubmission;
import io.lamina.gateway.Tenant;
import io.lamina.outbox.Inbox;
import io.lamina.outbox.Outbox;
import io.lamina.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Jobs submitted by internal integrators on {@code lamina.jobs.submissions}: the same validation as REST; an accepted
 * submission yields {@code job.submitted} with its submission id, a refused one {@code job.rejected} (never dropped).
 */
@ApplicationScoped
public class JobSubmissions {

    private static final Logger LOG = Logger.getLogger(JobSubmissions.class);

    @Inject
    JobService jobs;

    @Inject
    ObjectMapper mapper;

    @Inject
    Outbox outbox;

    @Inject
    Inbox inbox;

    @Inject
    JobViews views;

    public void handle(JobSubmission submission) throws JsonProcessingException {
        String submissionId = submission.submissionId();
        if (submissionId == null || submissionId.isBlank() || submissionId.length() > 200) {
            reject(submission.tenantId(), submissionId, "invalid_submission",
                    "submission_id: required, at most 200 characters");
            return;
        }
        UUID tenantId;
        try {
            tenantId = UUID.fromString(String.valueOf(submission.tenantId()));
        } catch (IllegalArgumentException e) {
            reject(submission.tenantId(), submissionId, "unknown_tenant", "tenant_id: not a tenant of this Lamina");
            return;
        }
        if (!tenantExists(tenantId)) {
            reject(submission.tenantId(), submissionId, "unknown_tenant", "tenant_id: not a tenant of this Lamina");
            return;
        }
        byte[] body = submission.job() == null ? new byte[0] : mapper.writeValueAsBytes(submission.job());
        try {
            Submission accepted = jobs.submitFromIntegrator(tenantId, submissionId, body);
            LOG.infof("submission %s accepted as job %s", submissionId, accepted.jobId());
        } catch (ApiException e) {
            reject(tenantId.toString(), submissionId, e.code(), e.getMessage());
        }
    }

    /** Its own (read) transaction: a Kafka consumer thread has no request context to lend the entity manager. */
    @Transactional
    boolean tenantExists(UUID tenantId) {
        return Tenant.findById(tenantId) != null;
    }

    /** Publishes the refusal once per submission, however often the record is delivered. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void reject(String tenantId, String submissionId, String code, String message) {
        if (submissionId != null && !inbox.firstDelivery("submission-rejected:" + submissionId)) {
            return;
        }
        LOG.infof("submission %s rejected: %s %s", submissionId, code, message);
        outbox.add(Topics.JOB_EVENTS, submissionId != null ? submissionId : String.valueOf(tenantId),
                views.text(JobRejected.of(tenantId, submissionId, ErrorInfo.permanent(code, message))));
    }
}
