package io.lamina.gateway.service;

import io.lamina.gateway.config.GatewayConfig;
import io.lamina.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Idempotency-Key bookkeeping (table {@code idempotency_keys}), inside the submitting transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IdempotencyKeys {

    private static final int MAX_KEY_LENGTH = 255;

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    /**
     * Claims the key for this request, or returns the answer of the request that holds it. PostgreSQL makes a
     * conflicting insert wait until the holder's transaction ends, so a claim never sees a half-made job.
     */
    Optional<Submission> claim(UUID tenantId, String key, String requestHash) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.badRequest("invalid_idempotency_key",
                    "Idempotency-Key: 1 to " + MAX_KEY_LENGTH + " printable ASCII characters without spaces");
        }
        // A key past its time to live counts as new.
        em.createNativeQuery("delete from idempotency_keys where tenant_id = ?1 and idem_key = ?2 and created_at < ?3")
                .setParameter(1, tenantId).setParameter(2, key).setParameter(3, expiredBefore()).executeUpdate();
        int claimed = em.createNativeQuery("insert into idempotency_keys (tenant_id, idem_key, request_hash, created_at)"
                        + " values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, tenantId).setParameter(2, key).setParameter(3, requestHash)
                .setParameter(4, Instant.now()).executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("select request_hash, cast(job_id as text), response from idempotency_keys"
                        + " where tenant_id = ?1 and idem_key = ?2")
                .setParameter(1, tenantId).setParameter(2, key).getResultList();
        Object[] row = (Object[]) rows.get(0);
        if (!requestHash.equals(row[0])) {
            throw ApiException.unprocessable("idempotency_key_reused", "Idempotency-Key '" + key
                    + "' was used for a different request; use a new key for a new request");
        }
        return Optional.of(new Submission((String) row[1], null, (String) row[2]));
    }

    void complete(UUID tenantId, String key, UUID jobId, String response) {
        em.createNativeQuery("update idempotency_keys set job_id = ?3, response = ?4 where tenant_id = ?1"
                        + " and idem_key = ?2")
                .setParameter(1, tenantId).setParameter(2, key).setParameter(3, jobId).setParameter(4, response)
                .executeUpdate();
    }

    /** Forgets keys older than their time to live. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int expire() {
        return em.createNativeQuery("delete from idempotency_keys where created_at < ?1")
                .setParameter(1, expiredBefore()).executeUpdate();
    }

    private Instant expiredBefore() {
        return Instant.now().minus(config.jobs().idempotencyKeyTtl());
    }
}
