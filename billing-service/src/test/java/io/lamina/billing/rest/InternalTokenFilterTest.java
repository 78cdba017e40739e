package io.lamina.billing.rest;

import io.lamina.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalTokenFilterTest {

    static final String TOKEN = "Zq3v8W0p7Kc2nR5tY1uE9mHx";

    final InternalTokenFilter filter = new InternalTokenFilter(config(TOKEN, false));

    @Test
    void refusesARequestWithoutTheToken() {
        for (String header : new String[]{null, "", "Bearer", "Bearer   ", "Basic " + TOKEN, TOKEN}) {
            assertRefused(filter.answer(header), "Authorization: Bearer", header);
        }
    }

    @Test
    void refusesAWrongToken() {
        for (String header : new String[]{"Bearer wrong-token-0123456789", "Bearer " + TOKEN.substring(1),
                "Bearer " + TOKEN + "x", "Bearer " + TOKEN.toLowerCase()}) {
            assertRefused(filter.answer(header), "is not billing-service's internal token", header);
        }
    }

    @Test
    void letsTheRightTokenThrough() {
        assertEquals(Optional.empty(), filter.answer("Bearer " + TOKEN));
        assertEquals(Optional.empty(), filter.answer("bearer " + TOKEN + " "), "the scheme is case-insensitive");
    }

    @Test
    void refusesToStartWithoutAUsableToken() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> InternalTokenFilter.requireUsable(config(null, false)));
        assertTrue(missing.getMessage().contains("LAMINA_INTERNAL_TOKEN"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> InternalTokenFilter.requireUsable(config("", false)));
        assertThrows(IllegalStateException.class, () -> InternalTokenFilter.requireUsable(config("short", false)));
        assertThrows(IllegalStateException.class,
                () -> InternalTokenFilter.requireUsable(config("has a space 0123456789", false)));
        assertDoesNotThrow(() -> InternalTokenFilter.requireUsable(config(TOKEN, false)));
    }

    @Test
    void theDevelopmentSwitchOpensTheApiOnlyWhenNoTokenIsSet() {
        assertDoesNotThrow(() -> InternalTokenFilter.requireUsable(config(null, true)));
        assertEquals(Optional.empty(), new InternalTokenFilter(config(null, true)).answer(null));
        InternalTokenFilter both = new InternalTokenFilter(config(TOKEN, true));
        assertRefused(both.answer(null), "Authorization: Bearer", null);
        assertEquals(Optional.empty(), both.answer("Bearer " + TOKEN));
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

    static InternalTokenFilter.Config config(String token, boolean allowUnauthenticated) {
        return new InternalTokenFilter.Config() {
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
