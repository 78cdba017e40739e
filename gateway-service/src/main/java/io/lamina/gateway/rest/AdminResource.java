package io.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.problem.ApiException;
import io.lamina.gateway.ApiKey;
import io.lamina.gateway.api.CreatedKeyView;
import io.lamina.gateway.api.TenantView;
import io.lamina.gateway.client.BillingClient;
import io.lamina.gateway.service.Authenticator;
import io.lamina.gateway.service.Retention;
import io.lamina.gateway.service.TenantService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/** Operator API, guarded by the admin key: tenants, their API keys, credit grants. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminResource {

    @Inject
    Authenticator auth;

    @Inject
    TenantService tenants;

    @Inject
    ObjectMapper mapper;

    @RestClient
    BillingClient billing;

    @Inject
    Retention retention;

    @POST
    @Path("/tenants")
    @Operation(summary = "Create a tenant")
    public Response createTenant(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
        auth.admin(authorization);
        TenantView tenant = tenants.create(body == null ? null : body.path("name").asText(null));
        return Response.status(201).entity(tenant).build();
    }

    @POST
    @Path("/tenants/{tenantId}/keys")
    @Operation(summary = "Create an API key for a tenant; the key is in this response only")
    public Response createKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @PathParam("tenantId") String tenantId, JsonNode body) {
        auth.admin(authorization);
        String name = body == null ? null : body.path("name").asText(null);
        CreatedKeyView key = tenants.createKey(tenantUuid(tenantId), name)
                .orElseThrow(() -> ApiException.notFound("tenant " + tenantId));
        return Response.status(201).entity(key).build();
    }

    @POST
    @Path("/tenants/{tenantId}/credits")
    @Operation(summary = "Grant credits to a tenant (amount, source trial|subscription|pack|manual, expires_at)")
    public Response grant(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam("Idempotency-Key") String idempotencyKey,
                          @PathParam("tenantId") String tenantId, JsonNode body) {
        auth.admin(authorization);
        UUID tenant = tenantUuid(tenantId);
        if (tenants.find(tenant).isEmpty()) {
            throw ApiException.notFound("tenant " + tenantId);
        }
        if (body == null || !body.isObject()) {
            throw ApiException.unprocessable("invalid_grant", "body: {\"amount\": <credits>, \"source\"?, \"expires_at\"?}");
        }
        ObjectNode grant = ((ObjectNode) body).deepCopy();
        // A retried grant with the same Idempotency-Key credits once: billing deduplicates by grant_id.
        grant.put("grant_id", idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((tenantId + ":" + idempotencyKey).getBytes()).toString());
        return Proxied.response(billing.grant(tenant.toString(), grant));
    }

    @PUT
    @Path("/tenants/{tenantId}/keys/{keyId}/budgets/{period}")
    @Operation(summary = "Cap what an API key's jobs may spend per UTC day or month: {\"limit\": <credits>}")
    public Response setBudget(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId,
                              @PathParam("period") String period, JsonNode body) {
        auth.admin(authorization);
        UUID key = tenantKey(tenantId, keyId);
        return Proxied.response(billing.setBudget(tenantId, key.toString(), period, body));
    }

    @DELETE
    @Path("/tenants/{tenantId}/keys/{keyId}/budgets/{period}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Remove an API key's budget for a period")
    public Response removeBudget(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId,
                                 @PathParam("period") String period) {
        auth.admin(authorization);
        UUID key = tenantKey(tenantId, keyId);
        return Proxied.response(billing.removeBudget(tenantId, key.toString(), period));
    }

    @GET
    @Path("/tenants/{tenantId}/budgets")
    @Operation(summary = "A tenant's API key budgets with what the current period has used")
    public Response budgets(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @PathParam("tenantId") String tenantId) {
        auth.admin(authorization);
        return Proxied.response(billing.budgets(existingTenant(tenantId).toString()));
    }

    @PUT
    @Path("/tenants/{tenantId}/billing-settings")
    @Operation(summary = "A tenant's billing settings: {\"low_balance_threshold\": <credits> | null} (credits.low)")
    public Response billingSettings(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @PathParam("tenantId") String tenantId, JsonNode body) {
        auth.admin(authorization);
        return Proxied.response(billing.settings(existingTenant(tenantId).toString(), body));
    }

    @POST
    @Path("/retention/run")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Forget expired jobs, files and idempotency keys now instead of at the next sweep")
    public Retention.Purged runRetention(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.admin(authorization);
        return retention.purge();
    }

    private UUID existingTenant(String tenantId) {
        UUID tenant = tenantUuid(tenantId);
        if (tenants.find(tenant).isEmpty()) {
            throw ApiException.notFound("tenant " + tenantId);
        }
        return tenant;
    }

    /** The key, if it is one of the tenant's; 404 otherwise. */
    private UUID tenantKey(String tenantId, String keyId) {
        UUID tenant = existingTenant(tenantId);
        try {
            UUID key = UUID.fromString(keyId);
            ApiKey found = ApiKey.findById(key);
            if (found != null && found.tenantId.equals(tenant)) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // not a key id: answered below
        }
        throw ApiException.notFound("API key " + keyId + " of tenant " + tenantId);
    }

    private static UUID tenantUuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("tenant " + id);
        }
    }
}
