package io.lamina.webhook.service;

import io.lamina.webhook.SigningSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants' signing secrets, created on first need. A tenant's secret never changes once stored, so secrets read back
 * from the table are kept in memory (the dispatcher signs with them on every claim).
 */
@ApplicationScoped
@Transactional
public class SigningSecretService {

    @Inject
    EntityManager em;

    private final Map<String, String> stored = new ConcurrentHashMap<>();

    /** The tenant's secret, creating it when the tenant has none yet; concurrent first calls agree on one. */
    public String secretOf(String tenantId) {
        String known = stored.get(tenantId);
        if (known != null) {
            return known;
        }
        SigningSecret existing = SigningSecret.findById(tenantId);
        if (existing != null) {
            // Found by a read, so committed (a secret this transaction inserts is not kept: it might roll back).
            stored.put(tenantId, existing.secret);
            return existing.secret;
        }
        em.createNativeQuery("insert into signing_secrets (tenant_id, secret) values (?1, ?2) "
                        + "on conflict (tenant_id) do nothing")
                .setParameter(1, tenantId)
                .setParameter(2, StandardWebhookSigner.newSecret())
                .executeUpdate();
        return (String) em.createNativeQuery("select secret from signing_secrets where tenant_id = ?1")
                .setParameter(1, tenantId)
                .getSingleResult();
    }
}
