package io.lamina.webhook.service;

import io.lamina.webhook.SigningSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Tenants' signing secrets, created on first need. */
@ApplicationScoped
@Transactional
public class SigningSecretService {

    @Inject
    EntityManager em;

    /** The tenant's secret, creating it when the tenant has none yet; concurrent first calls agree on one. */
    public String secretOf(String tenantId) {
        SigningSecret existing = SigningSecret.findById(tenantId);
        if (existing != null) {
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
