package io.lamina.gateway.service;

import io.lamina.gateway.ApiKey;
import io.lamina.gateway.Tenant;
import io.lamina.problem.ApiException;
import io.lamina.gateway.api.CreatedKeyView;
import io.lamina.gateway.api.TenantView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class TenantService {

    public TenantView create(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.unprocessable("invalid_request", "name: required, at most 200 characters");
        }
        Tenant t = new Tenant();
        t.id = UUID.randomUUID();
        t.name = name.strip();
        t.createdAt = Instant.now();
        t.persist();
        return new TenantView(t.id.toString(), t.name, t.createdAt);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TenantView> find(UUID id) {
        return Tenant.<Tenant>findByIdOptional(id).map(t -> new TenantView(t.id.toString(), t.name, t.createdAt));
    }

    /** Creates a key; the returned view is the only place the key ever appears. */
    public Optional<CreatedKeyView> createKey(UUID tenantId, String name) {
        if (Tenant.findById(tenantId) == null) {
            return Optional.empty();
        }
        String key = ApiKeys.newKey();
        ApiKey k = new ApiKey();
        k.id = UUID.randomUUID();
        k.tenantId = tenantId;
        k.name = name;
        k.prefix = ApiKeys.displayPrefix(key);
        k.keyHash = ApiKeys.hash(key);
        k.createdAt = Instant.now();
        k.persist();
        return Optional.of(new CreatedKeyView(k.id.toString(), tenantId.toString(), name, key, k.prefix, k.createdAt));
    }
}
