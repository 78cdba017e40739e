package io.lamina.gateway.client;

import io.lamina.problem.InternalToken;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InternalTokenHeadersTest {

    static final String TOKEN = "Zq3v8W0p7Kc2nR5tY1uE9mHx";

    @Test
    void sendsTheInternalTokenAndNeverTheTenantsKey() {
        MultivaluedMap<String, String> incoming = new MultivaluedHashMap<>();
        incoming.putSingle("Authorization", "Bearer lam_tenant_key");
        MultivaluedMap<String, String> sent = new InternalTokenHeaders(config(TOKEN, false))
                .update(incoming, new MultivaluedHashMap<>());
        assertEquals(Map.of("Authorization", List.of("Bearer " + TOKEN)), sent);
    }

    @Test
    void sendsNothingWhenTheDevelopmentSwitchLeavesTheTokenOut() {
        assertEquals(Map.of(), new InternalTokenHeaders(config(null, true))
                .update(new MultivaluedHashMap<>(), new MultivaluedHashMap<>()));
    }

    static InternalToken.Config config(String token, boolean allowUnauthenticated) {
        return new InternalToken.Config() {
            @Override
            public Optional<String> token() {
                return Optional.ofNullable(token);
            }

            @Override
            public boolean allowUnauthenticated() {
                return allowUnauthenticated;
            }
        };
    }
}
