package io.lamina.webhook.rest;

import io.lamina.problem.Problem;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * webhook-service's REST API is internal: every request must carry {@code Authorization: Bearer <token>} with the
 * token shared by the gateway, billing and webhook ({@code lamina.internal.token}). Anything else is refused with
 * 401 {@code invalid_internal_token} before a resource is even matched. {@code /q/*} (health, metrics, OpenAPI) are
 * Vert.x routes outside REST, so probes and scrapers need no token.
 */
public class InternalTokenFilter {

    static final String CODE = "invalid_internal_token";
    private static final String SERVICE = "webhook-service";
    private static final int MIN_LENGTH = 16;
    private static final Logger LOG = Logger.getLogger(InternalTokenFilter.class);

    /** {@code lamina.internal.*}, the same keys in the gateway, billing-service and webhook-service. */
    @ConfigMapping(prefix = "lamina.internal")
    public interface Config {

        /** The shared token (env {@code LAMINA_INTERNAL_TOKEN}): at least 16 printable ASCII characters, no spaces. */
        Optional<String> token();

        /** Development only: with no token, serve the internal API to anyone instead of refusing to start. */
        @WithDefault("false")
        boolean allowUnauthenticated();
    }

    private final Config config;
    /** SHA-256 of the token, compared in constant time; null when the API is deliberately open. */
    private final byte[] expected;

    public InternalTokenFilter(Config config) {
        this.config = config;
        this.expected = config.token().filter(t -> !t.isEmpty()).map(InternalTokenFilter::sha256).orElse(null);
    }

    /** Refuses to start without a usable token unless the development switch is on. */
    void verify(@Observes StartupEvent started) {
        requireUsable(config);
        if (expected == null) {
            LOG.warnf("lamina.internal.allow-unauthenticated=true: %s's internal API answers anyone who can reach "
                    + "its port. Development only: set LAMINA_INTERNAL_TOKEN instead.", SERVICE);
        }
    }

    static void requireUsable(Config config) {
        Optional<String> token = config.token().filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
            if (!config.allowUnauthenticated()) {
                throw new IllegalStateException("lamina.internal.token (env LAMINA_INTERNAL_TOKEN) is not set: "
                        + SERVICE + " will not serve its internal API (signing secrets, endpoints, delivery logs) "
                        + "without it. Give the gateway, billing-service and webhook-service the same random token "
                        + "(./lamina up and the Helm chart generate one), or for local development only set "
                        + "lamina.internal.allow-unauthenticated=true.");
            }
            return;
        }
        if (token.get().length() < MIN_LENGTH || !token.get().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalStateException("lamina.internal.token (env LAMINA_INTERNAL_TOKEN) must be at least "
                    + MIN_LENGTH + " printable ASCII characters without spaces");
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        return answer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /** The 401 problem+json answer for this {@code Authorization} header, or empty when the caller may proceed. */
    Optional<Response> answer(String authorization) {
        return refusal(authorization).map(problem -> Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lamina-internal\"").entity(problem).build());
    }

    private Optional<Problem> refusal(String authorization) {
        if (expected == null) {
            return Optional.empty();
        }
        String presented = bearer(authorization);
        if (presented == null) {
            return Optional.of(Problem.of(401, CODE, "Unauthorized", SERVICE + "'s API is internal: send "
                    + "Authorization: Bearer <the internal token, LAMINA_INTERNAL_TOKEN>"));
        }
        if (!MessageDigest.isEqual(expected, sha256(presented))) {
            return Optional.of(Problem.of(401, CODE, "Unauthorized", "the bearer token is not " + SERVICE
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
