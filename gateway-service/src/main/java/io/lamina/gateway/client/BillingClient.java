package io.lamina.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * billing-service's internal API. The gateway authenticates the tenant; billing trusts the tenant id it is given by a
 * caller holding the internal token ({@link InternalTokenHeaders}).
 */
@RegisterRestClient(configKey = "billing")
@RegisterClientHeaders(InternalTokenHeaders.class)
@RegisterProvider(InternalTokenRefused.class)
@Path("/internal/accounts/{tenantId}")
public interface BillingClient {

    @GET
    JsonNode account(@PathParam("tenantId") String tenantId);

    @POST
    @Path("/grants")
    Response grant(@PathParam("tenantId") String tenantId, JsonNode grant);

    @GET
    @Path("/ledger")
    JsonNode ledger(@PathParam("tenantId") String tenantId, @QueryParam("limit") Integer limit,
                    @QueryParam("before") String before);

    /** The ledger filtered by entry type and job (null: no filter); answers pass through (400s included). */
    @GET
    @Path("/ledger")
    Response ledgerPage(@PathParam("tenantId") String tenantId, @QueryParam("limit") Integer limit,
                        @QueryParam("before") String before, @QueryParam("type") String type,
                        @QueryParam("job_id") String jobId);

    @GET
    @Path("/grants")
    Response grants(@PathParam("tenantId") String tenantId);

    @GET
    @Path("/usage")
    Response usage(@PathParam("tenantId") String tenantId, @QueryParam("from") String from,
                   @QueryParam("to") String to);

    @PUT
    @Path("/settings")
    Response settings(@PathParam("tenantId") String tenantId, JsonNode settings);

    @GET
    @Path("/budgets")
    Response budgets(@PathParam("tenantId") String tenantId);

    @PUT
    @Path("/budgets/{apiKeyId}/{period}")
    Response setBudget(@PathParam("tenantId") String tenantId, @PathParam("apiKeyId") String apiKeyId,
                       @PathParam("period") String period, JsonNode budget);

    @DELETE
    @Path("/budgets/{apiKeyId}/{period}")
    Response removeBudget(@PathParam("tenantId") String tenantId, @PathParam("apiKeyId") String apiKeyId,
                          @PathParam("period") String period);
}
