package io.lamina.gateway.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import org.jboss.logging.Logger;

/**
 * A 401 from billing-service or webhook-service means they refused the gateway's internal token (a deployment whose
 * services got different LAMINA_INTERNAL_TOKENs), never that the tenant's key is wrong: passing it through would tell
 * the tenant to fix a key that is fine. The call fails instead, and the client gets 503 dependency_unavailable.
 */
public class InternalTokenRefused implements ClientResponseFilter {

    private static final Logger LOG = Logger.getLogger(InternalTokenRefused.class);

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() == 401) {
            String message = request.getUri().getHost() + ":" + request.getUri().getPort() + " refused the gateway's "
                    + "internal token: LAMINA_INTERNAL_TOKEN must be the same on the gateway, billing-service and "
                    + "webhook-service";
            LOG.error(message);
            throw new ProcessingException(message);
        }
    }
}
