package io.lamina.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.gateway.service.Authenticator;
import io.lamina.problem.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The MCP server (Streamable HTTP transport, JSON-RPC 2.0, protocol 2025-06-18): {@code POST /mcp} takes one message.
 * Requests are answered with one JSON response; a {@code tools/call} that carries {@code _meta.progressToken} from a
 * client accepting {@code text/event-stream} is answered as an SSE stream of {@code notifications/progress} followed by
 * the response. Authenticated with the tenant's API key ({@code Authorization: Bearer}). Stateless: the session id
 * given at initialize is accepted but not needed.
 */
@Path("/mcp")
@Tag(name = "MCP", description = "Model Context Protocol server for agents")
public class McpResource {

    private static final Logger LOG = Logger.getLogger(McpResource.class);
    static final String PROTOCOL = "2025-06-18";
    private static final Set<String> PROTOCOLS = Set.of("2025-06-18", "2025-03-26", "2025-11-25");

    @Inject
    ObjectMapper mapper;

    @Inject
    Authenticator auth;

    @Inject
    McpTools tools;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.ACCEPT) String accept, byte[] body) {
        Authenticator.Caller caller;
        try {
            caller = auth.caller(authorization);
        } catch (ApiException e) {
            return Response.status(401).header("WWW-Authenticate", "Bearer")
                    .type(MediaType.APPLICATION_JSON).entity(error(null, -32001, e.getMessage())).build();
        }
        JsonNode message;
        try {
            message = mapper.readTree(body);
        } catch (IOException | RuntimeException e) {
            return json(error(null, -32700, "parse error: the body is not JSON"));
        }
        if (message == null || !message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())
                || !message.path("method").isTextual()) {
            if (message != null && message.isObject() && (message.has("result") || message.has("error"))) {
                return Response.accepted().build(); // a response to a server request: none are sent, nothing to do
            }
            return json(error(id(message), -32600, "invalid request: expected one JSON-RPC 2.0 message"));
        }
        JsonNode id = message.get("id");
        String method = message.get("method").asText();
        JsonNode params = message.path("params");
        if (id == null) {
            return Response.accepted().build(); // notifications (initialized, cancelled, …) need no answer
        }
        try {
            return switch (method) {
                case "initialize" -> initialize(id, params);
                case "ping" -> json(result(id, mapper.createObjectNode()));
                case "tools/list" -> json(result(id, mapper.createObjectNode().set("tools", tools.list())));
                case "tools/call" -> callTool(caller, id, params, accept);
                default -> json(error(id, -32601, "method not found: " + method));
            };
        } catch (McpTools.BadArguments e) {
            return json(error(id, -32602, "invalid params: " + e.getMessage()));
        }
    }

    /** No server-initiated stream is offered. */
    @GET
    public Response stream() {
        return Response.status(405).header("Allow", "POST, DELETE").build();
    }

    /** Ends a session: nothing is kept per session, so there is nothing to forget. */
    @DELETE
    public Response end() {
        return Response.noContent().build();
    }

    private Response initialize(JsonNode id, JsonNode params) {
        String asked = params.path("protocolVersion").asText(PROTOCOL);
        ObjectNode result = mapper.createObjectNode();
        result.put("protocolVersion", PROTOCOLS.contains(asked) ? asked : PROTOCOL);
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        result.putObject("serverInfo").put("name", "lamina").put("title", "Lamina").put("version", "0.1.0");
        result.put("instructions", "Lamina runs document extraction, image, document and sheet operations as jobs."
                + " Each operation is a tool taking Iteration Layer's request body; run_pipeline chains steps;"
                + " long calls return a job_id to poll with get_job.");
        return Response.ok(result(id, result)).type(MediaType.APPLICATION_JSON)
                .header("Mcp-Session-Id", UUID.randomUUID().toString()).build();
    }

    private Response callTool(Authenticator.Caller caller, JsonNode id, JsonNode params, String accept) {
        if (!params.path("name").isTextual()) {
            throw new McpTools.BadArguments("name: the tool to call");
        }
        String name = params.get("name").asText();
        JsonNode arguments = params.get("arguments");
        JsonNode progressToken = params.path("_meta").get("progressToken");
        boolean stream = progressToken != null && accept != null && accept.contains("text/event-stream");
        if (!stream) {
            return json(toolResult(id, run(caller, name, arguments, null)));
        }
        // Validate before committing to a stream, so bad arguments still get a plain JSON-RPC error.
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw new McpTools.BadArguments("arguments must be an object");
        }
        StreamingOutput sse = out -> {
            McpTools.Result r;
            try {
                r = tools.call(caller, name, arguments, percent -> send(out, notification(progressToken, percent)));
                send(out, toolResult(id, r));
            } catch (McpTools.BadArguments e) {
                send(out, error(id, -32602, "invalid params: " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return Response.ok(sse).type("text/event-stream").build();
    }

    private McpTools.Result run(Authenticator.Caller caller, String name, JsonNode arguments,
                                java.util.function.IntConsumer progress) {
        try {
            return tools.call(caller, name, arguments, progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpTools.BadArguments("interrupted");
        }
    }

    private ObjectNode notification(JsonNode token, int percent) {
        ObjectNode n = mapper.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/progress");
        n.putObject("params").put("progress", percent).put("total", 100).put("message", percent + " % done")
                .set("progressToken", token);
        return n;
    }

    private void send(OutputStream out, JsonNode message) {
        try {
            out.write(("event: message\ndata: " + mapper.writeValueAsString(message) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            LOG.debugf("MCP client went away: %s", e.toString());
        }
    }

    private ObjectNode toolResult(JsonNode id, McpTools.Result r) {
        ObjectNode result = mapper.createObjectNode();
        String text;
        try {
            text = mapper.writeValueAsString(r.structured());
        } catch (IOException e) {
            text = String.valueOf(r.structured());
        }
        result.set("content", mapper.valueToTree(List.of(java.util.Map.of("type", "text", "text", text))));
        result.set("structuredContent", r.structured());
        result.put("isError", r.error());
        return result(id, result);
    }

    private Response json(JsonNode message) {
        return Response.ok(message).type(MediaType.APPLICATION_JSON).build();
    }

    private ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode m = mapper.createObjectNode().put("jsonrpc", "2.0");
        m.set("id", id);
        m.set("result", result);
        return m;
    }

    private ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode m = mapper.createObjectNode().put("jsonrpc", "2.0");
        m.set("id", id == null ? mapper.nullNode() : id);
        m.putObject("error").put("code", code).put("message", message);
        return m;
    }

    private static JsonNode id(JsonNode message) {
        return message != null && message.isObject() ? message.get("id") : null;
    }
}
