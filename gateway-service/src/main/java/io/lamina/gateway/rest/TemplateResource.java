package io.lamina.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.gateway.Template;
import io.lamina.gateway.service.Authenticator;
import io.lamina.gateway.service.Templates;
import io.lamina.problem.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

/**
 * Stored document templates per tenant, in versions: {@code POST /v1/templates {name, document}} adds the next version
 * of {@code name}; a {@code document_generation} step uses one with {@code {"template": {"name", "version"?},
 * "data": {…}}}.
 */
@Path("/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    @Inject
    Authenticator auth;

    @Inject
    Templates templates;

    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Store a template: {name, document}; the first of a name is version 1, each later one the next")
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        UUID tenant = auth.tenant(authorization);
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (Exception e) {
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON");
        }
        if (request == null || !request.isObject()) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object {name, document}");
        }
        Template t = templates.add(tenant, request.path("name"), request.get("document"));
        return Response.status(201).entity(templates.view(t, true)).build();
    }

    @GET
    @Operation(summary = "The tenant's templates, the latest version of each")
    public List<JsonNode> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        UUID tenant = auth.tenant(authorization);
        return Template.latest(tenant).stream().map(t -> templates.view(t, false)).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "The latest version of a template, with its document")
    public JsonNode latest(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("name") String name) {
        UUID tenant = auth.tenant(authorization);
        return templates.view(Template.find(tenant, name, null)
                .orElseThrow(() -> ApiException.notFound("template " + name)), true);
    }

    @GET
    @Path("/{name}/versions")
    @Operation(summary = "Every version of a template, oldest first (without documents)")
    public List<JsonNode> versions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                   @PathParam("name") String name) {
        UUID tenant = auth.tenant(authorization);
        List<Template> all = Template.versions(tenant, name);
        if (all.isEmpty()) {
            throw ApiException.notFound("template " + name);
        }
        return all.stream().map(t -> templates.view(t, false)).toList();
    }

    @GET
    @Path("/{name}/versions/{version}")
    @Operation(summary = "One version of a template, with its document")
    public JsonNode version(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @PathParam("name") String name, @PathParam("version") int version) {
        UUID tenant = auth.tenant(authorization);
        return templates.view(Template.find(tenant, name, version)
                .orElseThrow(() -> ApiException.notFound("template " + name + " version " + version)), true);
    }
}
