package io.lamina.gateway.service;

import io.lamina.gateway.ApiKey;
import io.lamina.problem.ApiException;
import io.lamina.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

/** Turns an {@code Authorization: Bearer …} header into the calling tenant, or refuses it with 401. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Authenticator {

    private static final String BEARER = "Bearer ";

    @Inject
    GatewayConfig config;

    /** Who calls: the tenant and the id of the API key used. */
    public record Caller(UUID tenantId, UUID apiKeyId) {
    }

    public UUID tenant(String authorization) {
        return caller(authorization).tenantId();
    }

    public Caller caller(String authorization) {
        String key = bearer(authorization);
        return ApiKey.findActiveByHash(ApiKeys.hash(key))
                .map(k -> new Caller(k.tenantId, k.id))
                .orElseThrow(() -> ApiException.unauthorized("the API key is not valid"));
    }

    public void admin(String authorization) {
        String key = bearer(authorization);
        String expected = config.adminKey().filter(k -> !k.isBlank())
                .orElseThrow(() -> ApiException.unauthorized("the admin API is disabled (lamina.admin-key is not set)"));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("the admin key is not valid");
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.length() == BEARER.length()) {
            throw ApiException.unauthorized("send the API key as 'Authorization: Bearer <key>'");
        }
        return authorization.substring(BEARER.length()).trim();
    }
}
