package io.lamina.webhook.rest;

import io.lamina.problem.ApiException;
import io.lamina.webhook.service.MessageService;
import io.lamina.webhook.service.SigningSecretService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Optional;

/** Internal API for the gateway, which authenticates the caller and passes the tenant id. Not exposed publicly. */
@Path("/internal/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class InternalTenantResource {

    @Inject
    SigningSecretService secrets;

    @Inject
    MessageService messages;

    /** The tenant's signing secret, created on the first call. */
    @GET
    @Path("/signing-secret")
    public SigningSecretView signingSecret(@PathParam("tenantId") String tenantId) {
        return new SigningSecretView(secrets.secretOf(requireTenant(tenantId)));
    }

    /** The tenant's webhook messages of one job, or its latest ones when no job is named. */
    @GET
    @Path("/messages")
    public MessageList messages(@PathParam("tenantId") String tenantId, @QueryParam("job_id") String jobId) {
        Optional<String> job = Optional.ofNullable(jobId).filter(j -> !j.isBlank());
        return new MessageList(messages.list(requireTenant(tenantId), job).stream().map(MessageView::of).toList());
    }

    private static String requireTenant(String tenantId) {
        if (tenantId == null || tenantId.isBlank() || tenantId.length() > 200) {
            throw new ApiException(400, "invalid_tenant_id", "Invalid tenant id",
                    "tenant id must be 1 to 200 characters");
        }
        return tenantId;
    }
}
