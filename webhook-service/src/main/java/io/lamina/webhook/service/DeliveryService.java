package io.lamina.webhook.service;

import io.lamina.webhook.MessageStatus;
import io.lamina.webhook.config.WebhookConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two short transactions around deliveries, each for a batch: claiming due deliveries under a lease, and
 * recording what their attempts ran into. No transaction stays open during an HTTP call. Also the replays, which put deliveries back on
 * the schedule.
 */
@ApplicationScoped
@Transactional
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    /** The resulting status of the delivery after an attempt. */
    public enum Result { DELIVERED, RETRY, FAILED, LEASE_LOST }

    @Inject
    EntityManager em;

    @Inject
    SigningSecretService secrets;

    @Inject
    EndpointService endpoints;

    @Inject
    WebhookConfig config;

    private RetryPolicy retries;

    @PostConstruct
    void init() {
        retries = new RetryPolicy(config.retrySchedule(), config.jitter(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Takes up to {@code limit} due deliveries. Rows locked by a concurrent claim are skipped, and each claimed row
     * gets {@code next_attempt_at} pushed to the end of the lease in this same transaction: if the service dies before
     * recording the attempt, the delivery becomes due again when the lease ends. Nothing is lost; at worst a message
     * is sent twice with the same {@code webhook-id}. A delivery whose endpoint has meanwhile been disabled or deleted
     * is dropped ({@code dead}) instead. An endpoint delivery goes to the endpoint's current URL (it may have been
     * changed since the message was stored).
     */
    public List<ClaimedMessage> claimDue(int limit) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant leaseUntil = now.plus(config.lease());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        with due as (
                            select id, message_id, endpoint_id from deliveries
                            where status = 'pending' and next_attempt_at <= ?1
                            order by next_attempt_at
                            limit ?2
                            for update skip locked)
                        update deliveries d set next_attempt_at = ?3,
                            url = case when d.destination = 'endpoint' and e.url is not null then e.url else d.url end
                        from due
                        join messages m on m.id = due.message_id
                        left join endpoints e on e.id = due.endpoint_id
                        where d.id = due.id
                        returning d.id, m.id, m.tenant_id, m.job_id, d.endpoint_id, d.destination, d.url, m.payload,
                                  d.attempts, d.round_attempts, e.enabled, e.secret, e.previous_secret,
                                  e.previous_secret_expires_at""")
                .setParameter(1, now)
                .setParameter(2, limit)
                .setParameter(3, leaseUntil)
                .getResultList();
        Map<String, String> secretByTenant = new HashMap<>();
        List<ClaimedMessage> claimed = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            long deliveryId = ((Number) r[0]).longValue();
            String tenantId = (String) r[2];
            List<String> keys;
            if ("endpoint".equals(r[5])) {
                if (r[10] == null || !((Boolean) r[10])) {
                    em.createNativeQuery("update deliveries set status = 'dead', next_attempt_at = null, "
                                    + "last_error = 'endpoint disabled or deleted' where id = ?1")
                            .setParameter(1, deliveryId).executeUpdate();
                    continue;
                }
                keys = new ArrayList<>(2);
                keys.add((String) r[11]);
                Instant previousUntil = instant(r[13]);
                if (r[12] != null && previousUntil != null && previousUntil.isAfter(now)) {
                    keys.add((String) r[12]);
                }
            } else {
                keys = List.of(secretByTenant.computeIfAbsent(tenantId, secrets::secretOf));
            }
            claimed.add(new ClaimedMessage(deliveryId, (String) r[1], tenantId, (String) r[3], (String) r[4],
                    (String) r[6], (String) r[7], ((Number) r[8]).intValue() + 1, ((Number) r[9]).intValue() + 1,
                    List.copyOf(keys), leaseUntil));
        }
        return claimed;
    }

    /** A claimed delivery and what its attempt ran into, waiting to be recorded. */
    public record Finished(ClaimedMessage message, Attempt attempt) {
    }

    /** What an attempt means for its delivery, decided before anything is written. */
    private record Verdict(Finished f, Result result, MessageStatus status, Instant next, Optional<Integer> httpStatus,
                           String error, String lastError, String giveUpReason) {
        boolean delivered() {
            return result == Result.DELIVERED;
        }
    }

    private static final String INSERT_ATTEMPT = """
            insert into attempts (message_id, delivery_id, attempt_no, started_at, latency_ms, response_status,
                                  response_body, error)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String UPDATE_DELIVERY = """
            update deliveries
            set status = ?, attempts = attempts + 1, round_attempts = round_attempts + 1, next_attempt_at = ?,
                last_error = ?, delivered_at = case when ? then now() else delivered_at end
            where id = ? and status = 'pending' and next_attempt_at = ?""";

    /**
     * Records a batch of attempts in this one transaction: every attempt goes to the delivery log, and each delivery
     * moves on (delivered, due again later, or failed) — but only while the lease its claim set is still in place;
     * otherwise the result is {@link Result#LEASE_LOST} and only logged. For endpoints, a success ends the failure
     * streak; a failure starts or extends it, and a streak longer than {@code lamina.webhooks.disable-after}, or a
     * {@code 410 Gone}, disables the endpoint. Results come back in the order of {@code batch}.
     */
    public List<Result> recordAll(List<Finished> batch) {
        List<Verdict> verdicts = batch.stream().map(this::judge).toList();
        int[] updated = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_ATTEMPT);
                 PreparedStatement update = c.prepareStatement(UPDATE_DELIVERY)) {
                for (Verdict v : verdicts) {
                    ClaimedMessage m = v.f().message();
                    Attempt a = v.f().attempt();
                    insert.setString(1, m.id());
                    insert.setLong(2, m.deliveryId());
                    insert.setInt(3, m.attemptNo());
                    insert.setObject(4, utc(a.startedAt().truncatedTo(ChronoUnit.MICROS)));
                    insert.setLong(5, a.latencyMs());
                    if (a.outcome() instanceof Attempt.Answered answered) {
                        insert.setInt(6, answered.status());
                        insert.setString(7, answered.body());
                    } else {
                        insert.setNull(6, Types.INTEGER);
                        insert.setNull(7, Types.VARCHAR);
                    }
                    insert.setString(8, v.error());
                    insert.addBatch();
                    update.setString(1, v.status().wire());
                    if (v.next() == null) {
                        update.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        update.setObject(2, utc(v.next()));
                    }
                    update.setString(3, v.lastError());
                    update.setBoolean(4, v.delivered());
                    update.setLong(5, m.deliveryId());
                    update.setObject(6, utc(m.leaseUntil()));
                    update.addBatch();
                }
                insert.executeBatch();
                return update.executeBatch();
            }
        });
        List<Result> results = new ArrayList<>(verdicts.size());
        Map<String, List<Verdict>> byEndpoint = new TreeMap<>();
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            ClaimedMessage m = v.f().message();
            if (updated[i] == 0) {
                // The lease ran out before this attempt ended (or a disable dropped the delivery meanwhile).
                LOG.warnf("lease of delivery %d (message %s) lost during attempt %d; result logged only",
                        m.deliveryId(), m.id(), m.attemptNo());
                results.add(Result.LEASE_LOST);
                continue;
            }
            if (v.giveUpReason() != null) {
                LOG.warnf("delivery %d of message %s to %s failed after %d attempts: %s", m.deliveryId(), m.id(),
                        m.url(), m.attemptNo(), v.giveUpReason());
            }
            if (m.endpointId() != null) {
                byEndpoint.computeIfAbsent(m.endpointId(), k -> new ArrayList<>()).add(v);
            }
            results.add(v.result());
        }
        byEndpoint.forEach(this::trackEndpoint);
        return results;
    }

    private Verdict judge(Finished f) {
        ClaimedMessage m = f.message();
        Attempt attempt = f.attempt();
        Optional<Integer> status = Optional.empty();
        Optional<Duration> retryAfter = Optional.empty();
        String error = null;
        String giveUpReason = null;
        boolean delivered = false;
        if (attempt.outcome() instanceof Attempt.Answered a) {
            status = Optional.of(a.status());
            retryAfter = a.retryAfter();
            delivered = a.success();
        } else if (attempt.outcome() instanceof Attempt.NoAnswer n) {
            error = n.error();
        } else if (attempt.outcome() instanceof Attempt.Refused r) {
            error = r.error();
            giveUpReason = r.error();
        }
        Instant next = null;
        Result result;
        if (delivered) {
            result = Result.DELIVERED;
        } else if (giveUpReason != null) {
            result = Result.FAILED;
        } else {
            RetryPolicy.Decision d = retries.afterFailure(m.roundAttemptNo(), status, retryAfter);
            if (d instanceof RetryPolicy.RetryAfter r) {
                next = Instant.now().plus(r.delay()).truncatedTo(ChronoUnit.MICROS);
                result = Result.RETRY;
            } else {
                giveUpReason = ((RetryPolicy.GiveUp) d).reason();
                result = Result.FAILED;
            }
        }
        MessageStatus newStatus = switch (result) {
            case DELIVERED -> MessageStatus.DELIVERED;
            case FAILED -> MessageStatus.FAILED;
            default -> MessageStatus.PENDING;
        };
        String lastError = delivered ? null : error != null ? error
                : "HTTP " + status.orElse(0) + (giveUpReason == null ? "" : "; " + giveUpReason);
        return new Verdict(f, result, newStatus, next, status, error, lastError, giveUpReason);
    }

    /**
     * Applies one batch's attempts to an endpoint's failure streak, in the order they started: the streak is the run
     * of failures after the last success.
     */
    private void trackEndpoint(String endpointId, List<Verdict> attempts) {
        List<Verdict> ordered = new ArrayList<>(attempts);
        ordered.sort(Comparator.comparing(v -> v.f().attempt().startedAt()));
        if (ordered.stream().anyMatch(v -> v.httpStatus().isPresent() && v.httpStatus().get() == 410)) {
            endpoints.disable(endpointId, "the endpoint answered 410 Gone");
            return;
        }
        boolean succeeded = false;
        Instant firstFailureAfterSuccess = null;
        for (Verdict v : ordered) {
            if (v.delivered()) {
                succeeded = true;
                firstFailureAfterSuccess = null;
            } else if (firstFailureAfterSuccess == null) {
                firstFailureAfterSuccess = v.f().attempt().startedAt().truncatedTo(ChronoUnit.MICROS);
            }
        }
        if (succeeded && firstFailureAfterSuccess == null) {
            em.createNativeQuery("update endpoints set failing_since = null where id = ?1 and failing_since is not null")
                    .setParameter(1, endpointId).executeUpdate();
            return;
        }
        String sql = succeeded
                ? "update endpoints set failing_since = ?2 where id = ?1 returning failing_since"
                : "update endpoints set failing_since = coalesce(failing_since, ?2) where id = ?1 returning failing_since";
        Object since = em.createNativeQuery(sql)
                .setParameter(1, endpointId)
                .setParameter(2, firstFailureAfterSuccess)
                .getResultList().stream().findFirst().orElse(null);
        Instant failingSince = instant(since);
        if (failingSince != null && failingSince.isBefore(Instant.now().minus(config.disableAfter()))) {
            endpoints.disable(endpointId, "every attempt failed since " + failingSince
                    + " (lamina.webhooks.disable-after " + config.disableAfter() + ")");
        }
    }

    /**
     * Puts every delivery of a message that is not pending back on the schedule, due now, with a fresh retry
     * schedule and the same {@code webhook-id}; deliveries to disabled or deleted endpoints are skipped. Empty when
     * the tenant has no such message.
     */
    public Optional<Integer> replayMessage(String tenantId, String messageId, Optional<String> endpointId) {
        Long owned = ((Number) em.createNativeQuery("select count(*) from messages where id = ?1 and tenant_id = ?2")
                .setParameter(1, messageId).setParameter(2, tenantId).getSingleResult()).longValue();
        if (owned == 0) {
            return Optional.empty();
        }
        return Optional.of(em.createNativeQuery("""
                        update deliveries d
                        set status = 'pending', next_attempt_at = now(), round_attempts = 0, last_error = null
                        where d.message_id = ?1 and d.status <> 'pending'
                          and (cast(?2 as text) is null or d.endpoint_id = ?2)
                          and (d.destination = 'job_url'
                               or exists (select 1 from endpoints e where e.id = d.endpoint_id and e.enabled))""")
                .unwrap(NativeQuery.class)
                .setParameter(1, messageId)
                .setParameter(2, endpointId.orElse(null), StandardBasicTypes.STRING)
                .executeUpdate());
    }

    /**
     * Puts the tenant's failed (and dropped) deliveries of messages created since {@code since} back on the schedule,
     * at most {@code lamina.webhooks.max-replay} of them, oldest first; optionally only those of one endpoint.
     */
    public int replayFailed(String tenantId, Instant since, Optional<String> endpointId) {
        return em.createNativeQuery("""
                        update deliveries d
                        set status = 'pending', next_attempt_at = now(), round_attempts = 0, last_error = null
                        where d.id in (
                            select d2.id from deliveries d2 join messages m on m.id = d2.message_id
                            where m.tenant_id = ?1 and m.created_at >= ?2 and d2.status in ('failed', 'dead')
                              and (cast(?3 as text) is null or d2.endpoint_id = ?3)
                              and (d2.destination = 'job_url'
                                   or exists (select 1 from endpoints e where e.id = d2.endpoint_id and e.enabled))
                            order by m.created_at, d2.id
                            limit ?4)""")
                .unwrap(NativeQuery.class)
                .setParameter(1, tenantId)
                .setParameter(2, since, StandardBasicTypes.INSTANT)
                .setParameter(3, endpointId.orElse(null), StandardBasicTypes.STRING)
                .setParameter(4, config.maxReplay())
                .executeUpdate();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
