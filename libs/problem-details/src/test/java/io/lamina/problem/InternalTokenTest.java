package io.lamina.problem;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalTokenTest {

    static final String TOKEN = "Zq3v8W0p7Kc2nR5tY1uE9mHx";

    final InternalToken filter = new InternalToken(config(TOKEN, false), "billing-service");

    @Test
    void refusesARequestWithoutTheToken() {
        for (String header : new String[]{null, "", "Bearer", "Bearer   ", "Basic " + TOKEN, TOKEN}) {
            assertRefused(filter.refusal(header), "Authorization: Bearer", header);
        }
    }

    @Test
    void refusesAWrongToken() {
        for (String header : new String[]{"Bearer wrong-token-0123456789", "Bearer " + TOKEN.substring(1),
                "Bearer " + TOKEN + "x", "Bearer " + TOKEN.toLowerCase()}) {
            assertRefused(filter.refusal(header), "is not billing-service's internal token", header);
        }
    }

    @Test
    void letsTheRightTokenThrough() {
        assertEquals(Optional.empty(), filter.refusal("Bearer " + TOKEN));
        assertEquals(Optional.empty(), filter.refusal("bearer " + TOKEN + " "), "the scheme is case-insensitive");
    }

    @Test
    void refusesToStartWithoutAUsableToken() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> InternalToken.require(config(null, false), "billing-service will not serve its API"));
        assertTrue(missing.getMessage().contains("LAMINA_INTERNAL_TOKEN"), missing.getMessage());
        assertTrue(missing.getMessage().contains("billing-service will not serve its API"), missing.getMessage());
        assertEquals(Optional.of(TOKEN), InternalToken.require(config(TOKEN, false), "x"));
        assertEquals(Optional.empty(), InternalToken.require(config(null, true), "x"));
        assertThrows(IllegalStateException.class, () -> InternalToken.require(config("", false), "x"));
        assertThrows(IllegalStateException.class, () -> InternalToken.require(config("short", false), "x"));
        assertThrows(IllegalStateException.class,
                () -> InternalToken.require(config("has a space 0123456789", false), "x"));
        assertDoesNotThrow(() -> InternalToken.require(config(TOKEN, false), "x"));
    }

    @Test
    void theDevelopmentSwitchOpensTheApiOnlyWhenNoTokenIsSet() {
        assertDoesNotThrow(() -> InternalToken.require(config(null, true), "x"));
        assertEquals(Optional.empty(), new InternalToken(config(null, true), "billing-service").refusal(null));
        InternalToken both = new InternalToken(config(TOKEN, true), "billing-service");
        assertRefused(both.refusal(null), "Authorization: Bearer", null);
        assertEquals(Optional.empty(), both.refusal("Bearer " + TOKEN));
    }

    private static void assertRefused(Optional<Response> answer, String detail, String header) {
        assertTrue(answer.isPresent(), () -> "let through: " + header);
        Response response = answer.get();
        assertEquals(401, response.getStatus(), header);
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString(), header);
        assertEquals("Bearer realm=\"lamina-internal\"", response.getHeaderString("WWW-Authenticate"), header);
        Problem problem = (Problem) response.getEntity();
        assertEquals("invalid_internal_token", problem.code(), header);
        assertEquals(401, problem.status(), header);
        assertTrue(problem.detail().contains(detail), () -> header + ": " + problem.detail());
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
