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
@Path("/v1/webhooks/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
public class WebhookEndpointResource {

    @Inject
    Authenticator auth;

    @RestClient
    WebhookClient webhooks;

    @POST
    @Path("")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an endpoint {url, event_types?, description?, enabled?}; its whsec_ secret is in this "
            + "answer only")
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
        return Proxied.response(webhooks.createEndpoint(tenant(authorization), object(body)));
    }

    @GET
    @Path("")
    @Operation(summary = "The tenant's endpoints (without secrets)")
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return Proxied.response(webhooks.endpoints(tenant(authorization)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One endpoint (without its secret)")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return Proxied.response(webhooks.endpoint(tenant(authorization), id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an endpoint's url, event_types, description or enabled")
    public Response update(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                           JsonNode body) {
        return Proxied.response(webhooks.updateEndpoint(tenant(authorization), id, object(body)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an endpoint; its pending deliveries are dropped, its delivery log stays")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return Proxied.response(webhooks.deleteEndpoint(tenant(authorization), id));
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A new secret (in this answer only); the old one keeps signing alongside it for "
            + "overlap_seconds (default 24 h)")
    public Response rotate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                           byte[] body) {
        // The body is optional ({"overlap_seconds": n}): read it by hand so that a POST without one is accepted.
        JsonNode parsed;
        try {
            parsed = body == null || body.length == 0 ? null
                    : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw io.lamina.problem.ApiException.badRequest("malformed_json", "the body is not valid JSON");
        }
        return Proxied.response(webhooks.rotateSecret(tenant(authorization), id,
                parsed == null || parsed.isNull() ? JsonNodeFactory.instance.objectNode() : object(parsed)));
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

    /*
     * The message routes live in classes of their own, with class paths longer than AccountResource's /v1 but not
     * covering /v1/webhooks/messages and /v1/webhooks/signing-secret: RESTEasy Reactive routes a request to the class
     * with the longest matching path only, so a /v1/webhooks class here would hide AccountResource's routes.
     */

    /** One message's delivery log and its replay. */
    @Path("/v1/webhooks/messages/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "webhooks")
    public static class MessageResource {

        @Inject
        Authenticator auth;

        @RestClient
        WebhookClient webhooks;

        @GET
        @Operation(summary = "One message with its payload and delivery log (status, latency, response code and "
                + "body of every attempt)")
        public Response message(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @PathParam("id") String id) {
            return Proxied.response(webhooks.message(auth.tenant(authorization).toString(), id));
        }

        @POST
        @Path("/replay")
        @Consumes(MediaType.WILDCARD)
        @Operation(summary = "Send a message again now, with the same webhook-id (optionally to one endpoint only)")
        public Response replay(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @PathParam("id") String id, @QueryParam("endpoint_id") String endpointId) {
            return Proxied.response(webhooks.replay(auth.tenant(authorization).toString(), id, endpointId));
        }
    }

    /** Replay of every failed delivery since a time. */
    @Path("/v1/webhooks/replay-failed")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "webhooks")
    public static class ReplayFailedResource {

        @Inject
        Authenticator auth;

        @RestClient
        WebhookClient webhooks;

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Operation(summary = "Send again every failed delivery of the messages created since {since} "
                + "(optionally of one endpoint_id)")
        public Response replayFailed(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
            return Proxied.response(webhooks.replayFailed(auth.tenant(authorization).toString(), object(body)));
        }
    }
}
