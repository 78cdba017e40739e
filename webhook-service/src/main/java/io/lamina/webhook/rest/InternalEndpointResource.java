package io.lamina.webhook.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.problem.ApiException;
import io.lamina.webhook.service.EndpointService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Internal API for a tenant's endpoints (the gateway authenticates and passes the tenant id; InternalTokenFilter). */
@Path("/internal/tenants/{tenantId}/endpoints")
@Produces(MediaType.APPLICATION_JSON)
public class InternalEndpointResource {

    @Inject
    EndpointService endpoints;

    /** 201 with the endpoint and its secret: the only time the secret is shown. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("tenantId") String tenantId, EndpointRequest request) {
        EndpointView view = EndpointView.of(endpoints.create(InternalTenantResource.requireTenant(tenantId), request),
                true);
        return Response.status(201).entity(view).build();
    }

    @GET
    public Map<String, Object> list(@PathParam("tenantId") String tenantId) {
        return Map.of("endpoints", endpoints.list(InternalTenantResource.requireTenant(tenantId)).stream()
                .map(e -> EndpointView.of(e, false)).toList());
    }

    @GET
    @Path("/{endpointId}")
    public EndpointView get(@PathParam("tenantId") String tenantId, @PathParam("endpointId") String endpointId) {
        return endpoints.find(InternalTenantResource.requireTenant(tenantId), endpointId)
                .map(e -> EndpointView.of(e, false)).orElseThrow(() -> notFound(endpointId));
    }

    @PATCH
    @Path("/{endpointId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public EndpointView update(@PathParam("tenantId") String tenantId, @PathParam("endpointId") String endpointId,
                               EndpointRequest request) {
        return endpoints.update(InternalTenantResource.requireTenant(tenantId), endpointId, request)
                .map(e -> EndpointView.of(e, false)).orElseThrow(() -> notFound(endpointId));
    }

    @DELETE
    @Path("/{endpointId}")
    public Response delete(@PathParam("tenantId") String tenantId, @PathParam("endpointId") String endpointId) {
        if (!endpoints.delete(InternalTenantResource.requireTenant(tenantId), endpointId)) {
            throw notFound(endpointId);
        }
        return Response.noContent().build();
    }

    /**
     * A new secret, shown in this answer only; the previous one keeps signing alongside it for
     * {@code overlap_seconds} (body optional; default {@code lamina.webhooks.rotation-overlap}).
     */
    @POST
    @Path("/{endpointId}/rotate-secret")
    @Consumes(MediaType.WILDCARD)
    public EndpointView rotate(@PathParam("tenantId") String tenantId, @PathParam("endpointId") String endpointId,
                               JsonNode body) {
        Optional<Duration> overlap = Optional.empty();
        if (body != null && body.has("overlap_seconds")) {
            if (!body.get("overlap_seconds").canConvertToLong()) {
                throw ApiException.unprocessable("invalid_endpoint", "overlap_seconds must be a whole number");
            }
            overlap = Optional.of(Duration.ofSeconds(body.get("overlap_seconds").asLong()));
        }
        return endpoints.rotate(InternalTenantResource.requireTenant(tenantId), endpointId, overlap)
                .map(e -> EndpointView.of(e, true)).orElseThrow(() -> notFound(endpointId));
    }

    private static ApiException notFound(String endpointId) {
        return ApiException.notFound("endpoint " + endpointId);
    }
}
