package io.lamina.problem;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The token shared by the gateway, billing-service and webhook-service ({@code lamina.internal.token}): billing and
 * webhook answer their internal REST APIs only to {@code Authorization: Bearer <token>}, and the gateway sends it.
 * This class checks the configuration at startup and a request's header (in constant time); each service wires it
 * into its own request filter or REST client.
 */
public final class InternalToken {

    public static final String CODE = "invalid_internal_token";
    static final int MIN_LENGTH = 16;

    /** {@code lamina.internal.*}, the same keys in the gateway, billing-service and webhook-service. */
    @ConfigMapping(prefix = "lamina.internal")
    public interface Config {

        /** The shared token (env {@code LAMINA_INTERNAL_TOKEN}): at least 16 printable ASCII characters, no spaces. */
        Optional<String> token();

        /** Development only: with no token, run without one (API open, calls unauthenticated) instead of refusing. */
        @WithDefault("false")
        boolean allowUnauthenticated();
    }

    private final String service;
    /** SHA-256 of the token, compared in constant time; null when the API is deliberately open. */
    private final byte[] expected;

    /** The check of {@code service}'s incoming requests. */
    public InternalToken(Config config, String service) {
        this.service = service;
        this.expected = config.token().filter(t -> !t.isEmpty()).map(InternalToken::sha256).orElse(null);
    }

    /**
     * The usable token, or empty when none is set and the development switch allows that. Otherwise throws, saying
     * {@code consequence} (what the service cannot do without it) and how to fix it.
     */
    public static Optional<String> require(Config config, String consequence) {
        Optional<String> token = config.token().filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
            if (!config.allowUnauthenticated()) {
                throw new IllegalStateException("lamina.internal.token (env LAMINA_INTERNAL_TOKEN) is not set: "
                        + consequence + ". Give the gateway, billing-service and webhook-service the same random "
                        + "token (./lamina up and the Helm chart generate one), or for local development only set "
                        + "lamina.internal.allow-unauthenticated=true.");
            }
            return Optional.empty();
        }
        if (token.get().length() < MIN_LENGTH || !token.get().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalStateException("lamina.internal.token (env LAMINA_INTERNAL_TOKEN) must be at least "
                    + MIN_LENGTH + " printable ASCII characters without spaces");
        }
        return token;
    }

    /** The 401 problem+json answer for this {@code Authorization} header, or empty when the caller may proceed. */
    public Optional<Response> refusal(String authorization) {
        return problem(authorization).map(problem -> Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lamina-internal\"").entity(problem).build());
    }

    private Optional<Problem> problem(String authorization) {
        if (expected == null) {
            return Optional.empty();
        }
        String presented = bearer(authorization);
        if (presented == null) {
            return Optional.of(Problem.of(401, CODE, "Unauthorized", service + "'s API is internal: send "
                    + "Authorization: Bearer <the internal token, LAMINA_INTERNAL_TOKEN>"));
        }
        if (!MessageDigest.isEqual(expected, sha256(presented))) {
            return Optional.of(Problem.of(401, CODE, "Unauthorized", "the bearer token is not " + service
                    + "'s internal token (LAMINA_INTERNAL_TOKEN must be the same on the gateway, billing-service "
                    + "and webhook-service)"));
        }
        return Optional.empty();
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
