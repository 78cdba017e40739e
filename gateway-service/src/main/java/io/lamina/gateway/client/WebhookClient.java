package io.lamina.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** webhook-service's internal API. */
@RegisterRestClient(configKey = "webhooks")
@Path("/internal/tenants/{tenantId}")
public interface WebhookClient {

    @GET
    @Path("/signing-secret")
    JsonNode signingSecret(@PathParam("tenantId") String tenantId);

    @GET
    @Path("/messages")
    JsonNode messages(@PathParam("tenantId") String tenantId, @QueryParam("job_id") String jobId);
}
