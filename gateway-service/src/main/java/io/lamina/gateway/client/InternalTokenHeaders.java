package io.lamina.gateway.client;

import io.lamina.problem.InternalToken;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;
import org.jboss.logging.Logger;

/**
 * Sends {@code Authorization: Bearer <lamina.internal.token>} ({@link InternalToken}) on every call to billing-service
 * and webhook-service, whose internal APIs refuse anything else. Only this header is sent: the tenant's own key never
 * leaves the gateway.
 */
@ApplicationScoped
public class InternalTokenHeaders implements ClientHeadersFactory {

    private static final Logger LOG = Logger.getLogger(InternalTokenHeaders.class);

    private final InternalToken.Config config;
    private final String authorization;

    public InternalTokenHeaders(InternalToken.Config config) {
        this.config = config;
        this.authorization = config.token().filter(t -> !t.isEmpty()).map(t -> "Bearer " + t).orElse(null);
    }

    /** Refuses to start without a usable token unless the development switch is on. */
    void verify(@Observes StartupEvent started) {
        if (InternalToken.require(config, "billing-service and webhook-service refuse the gateway's calls without it")
                .isEmpty()) {
            LOG.warn("lamina.internal.allow-unauthenticated=true: calling billing-service and webhook-service "
                    + "without the internal token. Development only: set LAMINA_INTERNAL_TOKEN instead.");
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
