package io.lamina.gateway.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Passes an internal service's answer (status, JSON or problem+json body) through to the client. */
final class Proxied {

    private Proxied() {
    }

    static Response response(Response upstream) {
        try (upstream) {
            String body = upstream.hasEntity() ? upstream.readEntity(String.class) : null;
            MediaType type = upstream.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : upstream.getMediaType();
            return Response.status(upstream.getStatus()).type(type).entity(body).build();
        }
    }
}
