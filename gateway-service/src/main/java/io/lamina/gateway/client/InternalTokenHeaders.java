package io.lamina.gateway.client;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Sends {@code Authorization: Bearer <lamina.internal.token>} on every call to billing-service and webhook-service,
 * whose internal APIs refuse anything else. Only this header is sent: the tenant's own key never leaves the gateway.
 */
@ApplicationScoped
public class InternalTokenHeaders implements ClientHeadersFactory {

    private static final Logger LOG = Logger.getLogger(InternalTokenHeaders.class);
    private static final int MIN_LENGTH = 16;

    /** {@code lamina.internal.*}, the same keys in the gateway, billing-service and webhook-service. */
    @ConfigMapping(prefix = "lamina.internal")
    public interface Config {

        /** The shared token (env {@code LAMINA_INTERNAL_TOKEN}): at least 16 printable ASCII characters, no spaces. */
        Optional<String> token();

        /** Development only: with no token, call billing and webhook without one instead of refusing to start. */
        @WithDefault("false")
        boolean allowUnauthenticated();
    }

    private final Config config;
    private final String authorization;

    public InternalTokenHeaders(Config config) {
        this.config = config;
        this.authorization = config.token().filter(t -> !t.isEmpty()).map(t -> "Bearer " + t).orElse(null);
    }

    /** Refuses to start without a usable token unless the development switch is on. */
    void verify(@Observes StartupEvent started) {
        requireUsable(config);
        if (authorization == null) {
            LOG.warn("lamina.internal.allow-unauthenticated=true: calling billing-service and webhook-service "
                    + "without the internal token. Development only: set LAMINA_INTERNAL_TOKEN instead.");
        }
    }

    static void requireUsable(Config config) {
        Optional<String> token = config.token().filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
            if (!config.allowUnauthenticated()) {
                throw new IllegalStateException("lamina.internal.token (env LAMINA_INTERNAL_TOKEN) is not set: "
                        + "billing-service and webhook-service refuse the gateway's calls without it. Give the "
                        + "gateway, billing-service and webhook-service the same random token (./lamina up and the "
                        + "Helm chart generate one), or for local development only set "
                        + "lamina.internal.allow-unauthenticated=true.");
            }
            return;
        }
        if (token.get().length() < MIN_LENGTH || !token.get().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalStateException("lamina.internal.token (env LAMINA_INTERNAL_TOKEN) must be at least "
                    + MIN_LENGTH + " printable ASCII characters without spaces");
        }
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incomingHeaders,
                                                 MultivaluedMap<String, String> clientOutgoingHeaders) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (authorization != null) {
            headers.putSingle(HttpHeaders.AUTHORIZATION, authorization);
        }
        return headers;
    }
}
