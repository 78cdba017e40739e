package io.lamina.webhook.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.problem.ApiException;
import io.lamina.webhook.delivery.Dispatcher;
import io.lamina.webhook.service.DeliveryService;
import io.lamina.webhook.service.MessageService;
import io.lamina.webhook.service.SigningSecretService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Internal API for the gateway, which authenticates the tenant and passes its id. Not exposed publicly; callers must
 * hold the internal token ({@link InternalTokenFilter}).
 */
@Path("/internal/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class InternalTenantResource {

    @Inject
    SigningSecretService secrets;

    @Inject
    MessageService messages;

    @Inject
    DeliveryService deliveries;

    @Inject
    Dispatcher dispatcher;

    @Inject
    ObjectMapper mapper;

    /** The tenant's signing secret for job {@code webhook_url}s, created on the first call. */
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

    /** One message with its payload and delivery log (every attempt to every destination). */
    @GET
    @Path("/messages/{messageId}")
    public MessageDetailView message(@PathParam("tenantId") String tenantId,
                                     @PathParam("messageId") String messageId) {
        return messages.find(requireTenant(tenantId), messageId)
                .map(m -> MessageDetailView.of(m, parse(m.payload)))
                .orElseThrow(() -> ApiException.notFound("message " + messageId));
    }

    /**
     * Sends a message again, now, with the same {@code webhook-id}, to each of its destinations that is not still
     * pending (optionally only to one endpoint); disabled or deleted endpoints are skipped.
     */
    @POST
    @Path("/messages/{messageId}/replay")
    @Consumes(MediaType.WILDCARD)
    public ReplayView replay(@PathParam("tenantId") String tenantId, @PathParam("messageId") String messageId,
                             @QueryParam("endpoint_id") String endpointId) {
        int n = deliveries.replayMessage(requireTenant(tenantId), messageId, optional(endpointId))
                .orElseThrow(() -> ApiException.notFound("message " + messageId));
        dispatcher.wake();
        return new ReplayView(n);
    }

    /** Sends again every failed (or dropped) delivery of the messages created since {@code since}. */
    @POST
    @Path("/replay-failed")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReplayView replayFailed(@PathParam("tenantId") String tenantId, JsonNode body) {
        String since = body == null ? null : body.path("since").asText(null);
        if (since == null) {
            throw ApiException.unprocessable("invalid_replay", "body: {\"since\": \"<ISO-8601 instant>\", "
                    + "\"endpoint_id\"?}");
        }
        Instant from;
        try {
            from = Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.unprocessable("invalid_replay", "since must be an ISO-8601 instant such as "
                    + "2026-01-02T03:04:05Z");
        }
        int n = deliveries.replayFailed(requireTenant(tenantId), from, optional(body.path("endpoint_id").asText(null)));
        dispatcher.wake();
        return new ReplayView(n);
    }

    private JsonNode parse(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload is not JSON", e);
        }
    }

    private static Optional<String> optional(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    static String requireTenant(String tenantId) {
        if (tenantId == null || tenantId.isBlank() || tenantId.length() > 200) {
            throw new ApiException(400, "invalid_tenant_id", "Invalid tenant id",
                    "tenant id must be 1 to 200 characters");
        }
        return tenantId;
    }
}
