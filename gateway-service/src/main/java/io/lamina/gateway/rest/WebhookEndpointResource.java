package io.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lamina.gateway.client.WebhookClient;
import io.lamina.gateway.service.Authenticator;
import io.lamina.problem.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The calling tenant's webhook endpoints, message delivery logs and replays, proxied to webhook-service's internal
 * API (answers and problem+json errors pass through as they are).
 */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
public class WebhookEndpointResource {

    @Inject
    Authenticator auth;

    @RestClient
    WebhookClient webhooks;

    @POST
    @Path("/endpoints")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an endpoint {url, event_types?, description?, enabled?}; its whsec_ secret is in this "
            + "answer only")
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
        return Proxied.response(webhooks.createEndpoint(tenant(authorization), object(body)));
    }

    @GET
    @Path("/endpoints")
    @Operation(summary = "The tenant's endpoints (without secrets)")
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return Proxied.response(webhooks.endpoints(tenant(authorization)));
    }

    @GET
    @Path("/endpoints/{id}")
    @Operation(summary = "One endpoint (without its secret)")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return Proxied.response(webhooks.endpoint(tenant(authorization), id));
    }

    @PATCH
    @Path("/endpoints/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an endpoint's url, event_types, description or enabled")
    public Response update(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                           JsonNode body) {
        return Proxied.response(webhooks.updateEndpoint(tenant(authorization), id, object(body)));
    }

    @DELETE
    @Path("/endpoints/{id}")
    @Operation(summary = "Delete an endpoint; its pending deliveries are dropped, its delivery log stays")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return Proxied.response(webhooks.deleteEndpoint(tenant(authorization), id));
    }

    @POST
    @Path("/endpoints/{id}/rotate-secret")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A new secret (in this answer only); the old one keeps signing alongside it for "
            + "overlap_seconds (default 24 h)")
    public Response rotate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                           JsonNode body) {
        return Proxied.response(webhooks.rotateSecret(tenant(authorization), id,
                body == null ? JsonNodeFactory.instance.objectNode() : object(body)));
    }

    @GET
    @Path("/messages/{id}")
    @Operation(summary = "One message with its payload and delivery log (status, latency, response code and body "
            + "of every attempt)")
    public Response message(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return Proxied.response(webhooks.message(tenant(authorization), id));
    }

    @POST
    @Path("/messages/{id}/replay")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send a message again now, with the same webhook-id (optionally to one endpoint only)")
    public Response replay(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                           @QueryParam("endpoint_id") String endpointId) {
        return Proxied.response(webhooks.replay(tenant(authorization), id, endpointId));
    }

    @POST
    @Path("/replay-failed")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send again every failed delivery of the messages created since {since} "
            + "(optionally of one endpoint_id)")
    public Response replayFailed(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
        return Proxied.response(webhooks.replayFailed(tenant(authorization), object(body)));
    }

    private String tenant(String authorization) {
        return auth.tenant(authorization).toString();
    }

    private static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
        }
        return body;
    }
}
