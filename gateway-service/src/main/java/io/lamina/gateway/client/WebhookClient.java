package io.lamina.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** webhook-service's internal API, called with the internal token ({@link InternalTokenHeaders}). */
@RegisterRestClient(configKey = "webhooks")
@RegisterClientHeaders(InternalTokenHeaders.class)
@RegisterProvider(InternalTokenRefused.class)
@Path("/internal/tenants/{tenantId}")
public interface WebhookClient {

    @GET
    @Path("/signing-secret")
    JsonNode signingSecret(@PathParam("tenantId") String tenantId);

    @GET
    @Path("/messages")
    JsonNode messages(@PathParam("tenantId") String tenantId, @QueryParam("job_id") String jobId);

    @GET
    @Path("/messages/{messageId}")
    Response message(@PathParam("tenantId") String tenantId, @PathParam("messageId") String messageId);

    @POST
    @Path("/messages/{messageId}/replay")
    Response replay(@PathParam("tenantId") String tenantId, @PathParam("messageId") String messageId,
                    @QueryParam("endpoint_id") String endpointId);

    @POST
    @Path("/replay-failed")
    Response replayFailed(@PathParam("tenantId") String tenantId, JsonNode body);

    @POST
    @Path("/endpoints")
    Response createEndpoint(@PathParam("tenantId") String tenantId, JsonNode body);

    @GET
    @Path("/endpoints")
    Response endpoints(@PathParam("tenantId") String tenantId);

    @GET
    @Path("/endpoints/{endpointId}")
    Response endpoint(@PathParam("tenantId") String tenantId, @PathParam("endpointId") String endpointId);

    @PATCH
    @Path("/endpoints/{endpointId}")
    Response updateEndpoint(@PathParam("tenantId") String tenantId, @PathParam("endpointId") String endpointId,
                            JsonNode body);

    @DELETE
    @Path("/endpoints/{endpointId}")
    Response deleteEndpoint(@PathParam("tenantId") String tenantId, @PathParam("endpointId") String endpointId);

    @POST
    @Path("/endpoints/{endpointId}/rotate-secret")
    Response rotateSecret(@PathParam("tenantId") String tenantId, @PathParam("endpointId") String endpointId,
                          JsonNode body);
}
