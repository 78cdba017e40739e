package io.lamina.gateway.client;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void refusesToStartWithoutAUsableToken() {
        assertThrows(IllegalStateException.class, () -> InternalTokenHeaders.requireUsable(config(null, false)));
        assertThrows(IllegalStateException.class, () -> InternalTokenHeaders.requireUsable(config("", false)));
        assertThrows(IllegalStateException.class, () -> InternalTokenHeaders.requireUsable(config("short", false)));
        assertDoesNotThrow(() -> InternalTokenHeaders.requireUsable(config(TOKEN, false)));
        assertDoesNotThrow(() -> InternalTokenHeaders.requireUsable(config(null, true)));
    }

    static InternalTokenHeaders.Config config(String token, boolean allowUnauthenticated) {
        return new InternalTokenHeaders.Config() {
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
