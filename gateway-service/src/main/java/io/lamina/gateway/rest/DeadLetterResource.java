package io.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.gateway.service.Authenticator;
import io.lamina.gateway.service.DeadLetters;
import io.lamina.problem.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** Operator API for dead letters: list them with SmallRye's reason headers, replay one to its original topic. */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class DeadLetterResource {

    @Inject
    Authenticator auth;

    @Inject
    DeadLetters deadLetters;

    @GET
    @Operation(summary = "Dead-lettered records (newest 'limit' per partition), optionally of one '…dlq' topic")
    public Map<String, List<DeadLetters.DeadLetter>> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                          @QueryParam("topic") String topic,
                                                          @QueryParam("limit") Integer limit) {
        auth.admin(authorization);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw ApiException.badRequest("invalid_limit", "limit: 1 to 500");
        }
        return Map.of("data", deadLetters.list(topic, size));
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a dead letter {topic, partition, offset} again to the topic it came from")
    public Response replay(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
        auth.admin(authorization);
        if (body == null || !body.path("topic").isTextual() || !body.path("partition").canConvertToInt()
                || !body.path("offset").canConvertToLong()) {
            throw ApiException.unprocessable("invalid_request", "body: {\"topic\", \"partition\", \"offset\"}");
        }
        String target = deadLetters.replay(body.get("topic").asText(), body.get("partition").asInt(),
                body.get("offset").asLong());
        return Response.accepted(Map.of("replayed_to", target)).build();
    }
}
