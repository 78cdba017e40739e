package io.lamina.webhook.service;

import io.lamina.webhook.DeliveryAttempt;
import io.lamina.webhook.MessageStatus;
import io.lamina.webhook.config.WebhookConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two short transactions around each delivery: claiming due messages under a lease, and recording what an
 * attempt ran into. No transaction stays open during the HTTP call.
 */
@ApplicationScoped
@Transactional
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    /** The caller's resulting status of the message after an attempt. */
    public enum Result { DELIVERED, RETRY, FAILED, LEASE_LOST }

    @Inject
    EntityManager em;

    @Inject
    SigningSecretService secrets;

    @Inject
    WebhookConfig config;

    private RetryPolicy retries;

    @PostConstruct
    void init() {
        retries = new RetryPolicy(config.retrySchedule(), config.jitter(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Takes up to {@code limit} due messages. Rows locked by a concurrent claim are skipped, and each claimed row gets
     * {@code next_attempt_at} pushed to the end of the lease in this same transaction: if the service dies before
     * recording the attempt, the message becomes due again when the lease ends. Nothing is lost; at worst a message
     * is sent twice with the same {@code webhook-id}.
     */
    public List<ClaimedMessage> claimDue(int limit) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant leaseUntil = now.plus(config.lease());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        with due as (
                            select id from messages
                            where status = 'pending' and next_attempt_at <= ?1
                            order by next_attempt_at
                            limit ?2
                            for update skip locked)
                        update messages m set next_attempt_at = ?3
                        from due where m.id = due.id
                        returning m.id, m.tenant_id, m.job_id, m.url, m.payload, m.attempts""")
                .setParameter(1, now)
                .setParameter(2, limit)
                .setParameter(3, leaseUntil)
                .getResultList();
        Map<String, String> secretByTenant = new HashMap<>();
        List<ClaimedMessage> claimed = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            String tenantId = (String) r[1];
            String secret = secretByTenant.computeIfAbsent(tenantId, secrets::secretOf);
            claimed.add(new ClaimedMessage((String) r[0], tenantId, (String) r[2], (String) r[3], (String) r[4],
                    ((Number) r[5]).intValue() + 1, secret, leaseUntil));
        }
        return claimed;
    }

    /** Logs the attempt and moves the message on: delivered, due again later, or failed. */
    public Result record(ClaimedMessage m, Attempt attempt) {
        DeliveryAttempt row = new DeliveryAttempt();
        row.messageId = m.id();
        row.attemptNo = m.attemptNo();
        row.startedAt = attempt.startedAt();
        row.latencyMs = attempt.latencyMs();
        Optional<Integer> status = Optional.empty();
        Optional<Duration> retryAfter = Optional.empty();
        String giveUpReason = null;
        boolean delivered = false;
        if (attempt.outcome() instanceof Attempt.Answered a) {
            row.responseStatus = a.status();
            row.responseBody = a.body();
            status = Optional.of(a.status());
            retryAfter = a.retryAfter();
            delivered = a.success();
        } else if (attempt.outcome() instanceof Attempt.NoAnswer n) {
            row.error = n.error();
        } else if (attempt.outcome() instanceof Attempt.Refused r) {
            row.error = r.error();
            giveUpReason = r.error();
        }
        Instant next = null;
        Result result;
        if (delivered) {
            result = Result.DELIVERED;
        } else if (giveUpReason != null) {
            result = Result.FAILED;
        } else {
            RetryPolicy.Decision d = retries.afterFailure(m.attemptNo(), status, retryAfter);
            if (d instanceof RetryPolicy.RetryAfter r) {
                next = Instant.now().plus(r.delay()).truncatedTo(ChronoUnit.MICROS);
                result = Result.RETRY;
            } else {
                giveUpReason = ((RetryPolicy.GiveUp) d).reason();
                result = Result.FAILED;
            }
        }
        row.persist();
        MessageStatus newStatus = switch (result) {
            case DELIVERED -> MessageStatus.DELIVERED;
            case FAILED -> MessageStatus.FAILED;
            default -> MessageStatus.PENDING;
        };
        int updated = em.createNativeQuery("""
                        update messages
                        set status = ?1, attempts = attempts + 1, next_attempt_at = ?2,
                            delivered_at = case when ?1 = 'delivered' then now() else delivered_at end
                        where id = ?3 and status = 'pending' and next_attempt_at = ?4""")
                .unwrap(NativeQuery.class)
                .setParameter(1, newStatus.wire())
                .setParameter(2, next, StandardBasicTypes.INSTANT)
                .setParameter(3, m.id())
                .setParameter(4, m.leaseUntil())
                .executeUpdate();
        if (updated == 0) {
            // The lease ran out before this attempt ended and another claim owns the message now.
            LOG.warnf("lease of message %s expired during attempt %d; result logged only", m.id(), m.attemptNo());
            return Result.LEASE_LOST;
        }
        if (giveUpReason != null) {
            LOG.warnf("message %s failed after %d attempts: %s", m.id(), m.attemptNo(), giveUpReason);
        }
        return result;
    }
}
