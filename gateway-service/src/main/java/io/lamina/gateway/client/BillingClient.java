package io.lamina.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** billing-service's internal API. The gateway authenticates; billing trusts the tenant id it is given. */
@RegisterRestClient(configKey = "billing")
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
}
