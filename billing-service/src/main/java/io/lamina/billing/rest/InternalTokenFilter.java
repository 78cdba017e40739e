package io.lamina.billing.rest;

import io.lamina.problem.InternalToken;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * billing-service's REST API is internal: every request must carry the internal token ({@link InternalToken}), or it
 * is refused with 401 {@code invalid_internal_token} before a resource is even matched. {@code /q/*} (health,
 * metrics, OpenAPI) are Vert.x routes outside REST, so probes and scrapers need no token.
 */
public class InternalTokenFilter {

    private static final String SERVICE = "billing-service";
    private static final Logger LOG = Logger.getLogger(InternalTokenFilter.class);

    private final InternalToken.Config config;
    private final InternalToken token;

    public InternalTokenFilter(InternalToken.Config config) {
        this.config = config;
        this.token = new InternalToken(config, SERVICE);
    }

    /** Refuses to start without a usable token unless the development switch is on. */
    void verify(@Observes StartupEvent started) {
        if (InternalToken.require(config, SERVICE + " will not serve its internal API (credits, ledgers) without it")
                .isEmpty()) {
            LOG.warnf("lamina.internal.allow-unauthenticated=true: %s's internal API answers anyone who can reach "
                    + "its port. Development only: set LAMINA_INTERNAL_TOKEN instead.", SERVICE);
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        return token.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }
}
