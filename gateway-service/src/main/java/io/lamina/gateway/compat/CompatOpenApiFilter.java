package io.lamina.gateway.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.Operation;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Documents the Iteration-Layer-compatible endpoints in the OpenAPI document from the same files the MCP tools use:
 * each request body gets its operation's JSON Schema ({@link OperationSchemas}) and a documented example, and every
 * endpoint its responses — 200 {@code {success, data}}, 201/202 {@code {success, async, message, job_id}} and the
 * {@code {success: false, error}} envelope for 400, 401, 402, 413, 422, 429 and 500.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class CompatOpenApiFilter implements OASFilter {

    static final Map<Operation, String> PATHS = Map.of(
            Operation.DOCUMENT_EXTRACTION, "/document-extraction/v1/extract",
            Operation.DOCUMENT_TO_MARKDOWN, "/document-to-markdown/v1/convert",
            Operation.WEBSITE_EXTRACTION, "/website-extraction/v1/extract",
            Operation.IMAGE_TRANSFORMATION, "/image-transformation/v1/transform",
            Operation.IMAGE_GENERATION, "/image-generation/v1/generate",
            Operation.DOCUMENT_GENERATION, "/document-generation/v1/generate",
            Operation.SHEET_GENERATION, "/sheet-generation/v1/generate");
    private static final Set<Operation> BINARY = Set.of(Operation.IMAGE_TRANSFORMATION, Operation.IMAGE_GENERATION,
            Operation.DOCUMENT_GENERATION, Operation.SHEET_GENERATION);
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "$defs", "patternProperties");
    private static final Set<String> SCHEMA_LISTS = Set.of("oneOf", "anyOf", "allOf", "prefixItems");
    private static final Set<String> SCHEMA_VALUES = Set.of("items", "not", "if", "then", "else", "contains");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSchema("CompatError", object(Map.of(
                        "success", scalar(Schema.SchemaType.BOOLEAN).addEnumeration(false),
                        "error", scalar(Schema.SchemaType.STRING).description("what went wrong, ending with"
                                + " (<code>) or (<code>, job <id>)")), List.of("success", "error"))
                        .description("Iteration Layer's ErrorResponse"))
                .addSchema("CompatAsync", object(Map.of(
                        "success", scalar(Schema.SchemaType.BOOLEAN),
                        "async", scalar(Schema.SchemaType.BOOLEAN),
                        "message", scalar(Schema.SchemaType.STRING),
                        "job_id", scalar(Schema.SchemaType.STRING).format("uuid")
                                .description("Lamina's addition: the job, at GET /v1/jobs/{id}")),
                        List.of("success", "async", "message")).description("Iteration Layer's AsyncResult"))
                .addSchema("CompatBinaryResult", object(Map.of(
                        "buffer", scalar(Schema.SchemaType.STRING).contentEncoding("base64"),
                        "mime_type", scalar(Schema.SchemaType.STRING)), List.of("buffer", "mime_type"))
                        .description("Iteration Layer's BinaryResult: the file in base64"));
        for (Map.Entry<Operation, String> entry : PATHS.entrySet()) {
            PathItem path = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(entry.getValue());
            if (path == null || path.getPOST() == null) {
                continue;
            }
            document(path.getPOST(), entry.getKey());
        }
    }

    private void document(org.eclipse.microprofile.openapi.models.Operation post, Operation op) {
        ObjectNode schema = OperationSchemas.of(op);
        JsonNode examples = schema.remove("examples");
        schema.remove("$schema");
        ((ObjectNode) schema.get("properties")).putObject("webhook_url").put("type", "string").put("format", "uri")
                .put("description", "answer 201 at once and send the result as a signed webhook");
        post.summary(schema.path("title").asText() + " (Iteration Layer compatible)")
                .description(schema.path("description").asText() + " Without webhook_url the call waits up to"
                        + " lamina.compat.sync-wait for the result.");
        var media = OASFactory.createMediaType().schema(toSchema(schema));
        if (examples != null && examples.isArray() && !examples.isEmpty()) {
            media.example(MAPPER.convertValue(examples.get(0), Object.class));
        }
        post.requestBody(OASFactory.createRequestBody().required(true)
                .content(OASFactory.createContent().addMediaType("application/json", media)));
        Schema data = BINARY.contains(op) ? OASFactory.createSchema().ref("CompatBinaryResult")
                : OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description(op
                        == Operation.DOCUMENT_TO_MARKDOWN ? "ConvertResult {name, mime_type, markdown}"
                        : "ExtractionResult {<field>: {type, value, confidence, citations, source}}"
                        + (op == Operation.WEBSITE_EXTRACTION ? " (ConvertResult without a schema)" : ""));
        Map<String, Schema> successProps = new LinkedHashMap<>();
        successProps.put("success", scalar(Schema.SchemaType.BOOLEAN));
        successProps.put("data", data);
        if (op == Operation.WEBSITE_EXTRACTION) {
            successProps.put("metadata", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                    .description("WebsiteMetadata: requested_url, final_url, status_code, content_type, body_size,"
                            + " page_count"));
        }
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("200", response("The result", object(successProps, List.of("success", "data"))))
                .addAPIResponse("201", response("Accepted with webhook_url", ref("CompatAsync")))
                .addAPIResponse("202", response("Still running after lamina.compat.sync-wait", ref("CompatAsync")));
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "The body is not a JSON object, or a URL could not or may not be fetched");
        errors.put("401", "No, malformed or unknown API key");
        errors.put("402", "Not enough credits (insufficient_credits, budget_exceeded)");
        errors.put("413", "A file, the request or the result is over a limit");
        errors.put("422", "Invalid params (with their paths) or an input that cannot be processed");
        errors.put("429", "Too many unfinished steps for the tenant; see Retry-After");
        errors.put("500", "The job failed for another reason");
        errors.forEach((status, what) -> responses.addAPIResponse(status, response(what, ref("CompatError"))));
        post.responses(responses);
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse response(String description,
                                                                                          Schema schema) {
        Content content = OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(schema));
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static Schema ref(String component) {
        return OASFactory.createSchema().ref(component);
    }

    private static Schema scalar(Schema.SchemaType type) {
        return OASFactory.createSchema().addType(type);
    }

    private static Schema object(Map<String, Schema> properties, List<String> required) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).properties(new LinkedHashMap<>(properties))
                .required(new ArrayList<>(required));
    }

    /** A JSON Schema (draft 2020-12, without $ref) as the OpenAPI 3.1 model. */
    static Schema toSchema(JsonNode json) {
        Schema schema = OASFactory.createSchema();
        if (json.isBoolean()) {
            return json.asBoolean() ? schema : schema.not(OASFactory.createSchema());
        }
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("type")) {
                for (JsonNode t : value.isArray() ? value : MAPPER.createArrayNode().add(value)) {
                    schema.addType(Schema.SchemaType.valueOf(t.asText().toUpperCase(Locale.ROOT)));
                }
            } else if (SCHEMA_MAPS.contains(key)) {
                Map<String, Schema> map = new LinkedHashMap<>();
                value.fields().forEachRemaining(e -> map.put(e.getKey(), toSchema(e.getValue())));
                if (key.equals("properties")) {
                    schema.properties(map);
                } else {
                    schema.set(key, map);
                }
            } else if (SCHEMA_LISTS.contains(key)) {
                List<Schema> list = new ArrayList<>();
                value.forEach(v -> list.add(toSchema(v)));
                schema.set(key, list);
            } else if (SCHEMA_VALUES.contains(key)) {
                schema.set(key, toSchema(value));
            } else if (key.equals("required")) {
                List<String> required = new ArrayList<>();
                value.forEach(v -> required.add(v.asText()));
                schema.required(required);
            } else if (!key.equals("examples") && !key.equals("$schema")) {
                schema.set(key, MAPPER.convertValue(value, Object.class));
            }
        }
        return schema;
    }
}
