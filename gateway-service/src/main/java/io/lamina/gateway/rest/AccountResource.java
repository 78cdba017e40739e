package io.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.gateway.client.BillingClient;
import io.lamina.gateway.client.WebhookClient;
import io.lamina.gateway.service.Authenticator;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The calling tenant's credits (from billing-service) and webhook signing secret (from webhook-service). */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "account")
public class AccountResource {

    @Inject
    Authenticator auth;

    @RestClient
    BillingClient billing;

    @RestClient
    WebhookClient webhooks;

    @GET
    @Path("/credits")
    @Operation(summary = "Balance, credits held for running jobs, and what is available")
    public JsonNode credits(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return billing.account(auth.tenant(authorization).toString());
    }

    @GET
    @Path("/credits/ledger")
    @Operation(summary = "Ledger entries, newest first, with cursor pagination ('before') and filters"
            + " (type: grant|reserve|capture|release|deny|expire, job_id)")
    public Response ledger(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @QueryParam("limit") Integer limit, @QueryParam("before") String before,
                           @QueryParam("type") String type, @QueryParam("job_id") String jobId) {
        return Proxied.response(billing.ledgerPage(auth.tenant(authorization).toString(), limit, before, type, jobId));
    }

    @GET
    @Path("/credits/grants")
    @Operation(summary = "Grants with what is left of each, in the order they are consumed (soonest-expiring first)")
    public Response grants(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return Proxied.response(billing.grants(auth.tenant(authorization).toString()));
    }

    @GET
    @Path("/usage")
    @Operation(summary = "Usage per UTC day and operation (steps, units, credits), from..to inclusive (default: 30 days)")
    public Response usage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @QueryParam("from") String from, @QueryParam("to") String to) {
        return Proxied.response(billing.usage(auth.tenant(authorization).toString(), from, to));
    }

    @GET
    @Path("/webhooks/signing-secret")
    @Operation(summary = "The secret (whsec_…) that signs deliveries to job webhook_urls, per Standard Webhooks")
    public JsonNode signingSecret(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return webhooks.signingSecret(auth.tenant(authorization).toString());
    }

    @GET
    @Path("/webhooks/messages")
    @Operation(summary = "Webhook messages of the tenant, optionally of one job, with their delivery status")
    public JsonNode messages(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @QueryParam("job_id") String jobId) {
        return webhooks.messages(auth.tenant(authorization).toString(), jobId);
    }
}
