package io.lamina.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.Operation;
import io.lamina.problem.ApiException;
import io.lamina.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates a job document ({@code {"steps":[{"id","operation","params"}], "webhook_url"?}}) completely, so
 * bad input never reaches Kafka. Errors name the JSON path of the offending value.
 */
@ApplicationScoped
public class JobRequestParser {

    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<String> TOP_LEVEL = Set.of("steps", "webhook_url", "timeout_seconds");
    private static final Set<String> STEP_FIELDS = Set.of("id", "operation", "params", "retry", "timeout_seconds",
            "for_each");
    private static final Set<String> RETRY_FIELDS = Set.of("max_attempts");
    private static final int MAX_ATTEMPTS_LIMIT = 10;

    @Inject
    ObjectMapper mapper;

    @Inject
    GatewayConfig config;

    @Inject
    OperationParams operationParams;

    /** {@code maxAttempts} and {@code timeoutSeconds} are null when the step leaves them to configuration. */
    /** {@code references}: the ids of the steps the params reference, each with the JSON path of its first use. */
    /**
     * {@code forEach}: for a fan-out step, the array it runs once per element of — written out, or a reference to an
     * array in an earlier step's output; null for other steps.
     */
    public record StepRequest(String id, Operation operation, ObjectNode params, Integer maxAttempts,
                              Integer timeoutSeconds, Map<String, String> references, JsonNode forEach) {

        public Set<String> dependsOn() {
            return references.keySet();
        }
    }

    /** {@code timeoutSeconds} is null when the job leaves its schedule-to-close timeout to configuration. */
    public record JobRequest(List<StepRequest> steps, String webhookUrl, Integer timeoutSeconds) {
    }

    /** {@code tenantId} is whose stored templates {@code template_name} may name. */
    public JobRequest parse(byte[] body, java.util.UUID tenantId) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
        }
        rejectUnknown(root, TOP_LEVEL, "");
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw invalid("steps: must be a non-empty array");
        }
        if (steps.size() > config.jobs().maxSteps()) {
            throw invalid("steps: at most " + config.jobs().maxSteps() + " steps per job, got " + steps.size());
        }
        List<StepRequest> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            StepRequest step = parseStep(steps.get(i), "steps[" + i + "]", tenantId);
            if (!ids.add(step.id())) {
                throw invalid("steps[" + i + "].id: '" + step.id() + "' is used by another step");
            }
            parsed.add(step);
        }
        checkReferences(parsed);
        return new JobRequest(parsed, webhookUrl(root.get("webhook_url")),
                seconds(root.get("timeout_seconds"), "timeout_seconds", config.jobs().maxJobTimeout()));
    }

    private StepRequest parseStep(JsonNode step, String path, java.util.UUID tenantId) {
        if (!step.isObject()) {
            throw invalid(path + ": must be an object");
        }
        rejectUnknown(step, STEP_FIELDS, path + ".");
        JsonNode id = step.get("id");
        if (id == null || !id.isTextual() || !STEP_ID.matcher(id.asText()).matches()) {
            throw invalid(path + ".id: required; 1-64 letters, digits, '_' or '-', starting with a letter or digit");
        }
        JsonNode op = step.get("operation");
        if (op == null || !op.isTextual()) {
            throw invalid(path + ".operation: required");
        }
        Operation operation = Operation.byId(op.asText()).orElseThrow(() -> ApiException.unprocessable(
                "unknown_operation", path + ".operation: '" + op.asText() + "' is not an operation; known: "
                        + String.join(", ", operationIds())));
        JsonNode params = step.get("params");
        if (params == null || !params.isObject()) {
            throw invalid(path + ".params: required, an object (the operation's request body)");
        }
        Map<String, String> references = new LinkedHashMap<>();
        JsonNode forEach = forEach(step.get("for_each"), path + ".for_each");
        if (forEach != null) {
            StepReferences.collect(forEach, path + ".for_each", references);
        }
        StepReferences.collect(params, path + ".params", references);
        if (operation == Operation.DOCUMENT_GENERATION && params.has("template_name")) {
            useStoredTemplate((ObjectNode) params, path + ".params", tenantId);
        }
        String item = StepReferences.firstItemReference(params, path + ".params");
        if (item != null && forEach == null) {
            throw ApiException.unprocessable("invalid_reference", item
                    + ": \"$item\" is only meaningful in a step with \"for_each\"");
        }
        operationParams.check(operation, params, path + ".params");
        return new StepRequest(id.asText(), operation, (ObjectNode) params, maxAttempts(step.get("retry"), path),
                seconds(step.get("timeout_seconds"), path + ".timeout_seconds", config.jobs().maxAttemptTimeout()),
                references, forEach);
    }

    /**
     * {@code "template_name": "<name>", "template_version": <n>?} in document_generation params stands for the stored
     * template (the latest version unless one is named): it becomes the {@code template} rendered with {@code data}.
     */
    private void useStoredTemplate(ObjectNode params, String path, java.util.UUID tenantId) {
        JsonNode name = params.remove("template_name");
        JsonNode version = params.remove("template_version");
        if (!name.isTextual()) {
            throw invalid(path + ".template_name: the name of a stored template (see /v1/templates)");
        }
        if (version != null && !version.isNull() && (!version.isIntegralNumber() || version.asInt() < 1)) {
            throw invalid(path + ".template_version: a version number, 1 or more");
        }
        if (params.has("template") || params.has("document")) {
            throw invalid(path + ": template_name replaces template and document; give only one of them");
        }
        Integer v = version == null || version.isNull() ? null : version.asInt();
        io.lamina.gateway.Template stored = io.lamina.gateway.Template.find(tenantId, name.asText(), v)
                .orElseThrow(() -> ApiException.unprocessable("template_not_found", path + ".template_name: no template '"
                        + name.asText() + "'" + (v == null ? "" : " version " + v) + " is stored for this tenant"));
        try {
            params.set("template", mapper.readTree(stored.document));
        } catch (IOException e) {
            throw new IllegalStateException("stored template " + stored.id + " is not JSON", e);
        }
    }

    /**
     * {@code for_each}: an array (its elements may be file inputs or references), or a reference
     * {@code {"$step", "path"}} to an array in an earlier step's output.
     */
    private JsonNode forEach(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            if (node.size() > config.jobs().maxFanOut()) {
                throw invalid(path + ": at most " + config.jobs().maxFanOut() + " items, got " + node.size());
            }
            return node;
        }
        if (!StepReferences.isReference(node)) {
            throw ApiException.unprocessable("invalid_reference", path
                    + ": an array, or a reference to an array of an earlier step's output, like"
                    + " {\"$step\": \"extract\", \"path\": \"/line_items/value\"}");
        }
        return node;
    }

    /** Every reference names another step of the job with a valid JSON Pointer, and the steps form a DAG. */
    private static void checkReferences(List<StepRequest> steps) {
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            StepRequest step = steps.get(i);
            for (Map.Entry<String, String> ref : step.references().entrySet()) {
                boolean known = steps.stream().anyMatch(s -> s.id().equals(ref.getKey()));
                if (!known || ref.getKey().equals(step.id())) {
                    throw ApiException.unprocessable("invalid_reference", ref.getValue() + ": \"$step\": '"
                            + ref.getKey() + "' is not another step of this job");
                }
            }
            checkPointers(step.params(), "steps[" + i + "].params");
            if (step.forEach() != null) {
                checkPointers(step.forEach(), "steps[" + i + "].for_each");
            }
            graph.put(step.id(), step.dependsOn());
        }
        String onCycle = StepReferences.findCycle(graph);
        if (onCycle != null) {
            throw ApiException.unprocessable("cyclic_dependencies", "steps: step '" + onCycle
                    + "' depends on itself through the steps it references");
        }
    }

    private static void checkPointers(JsonNode node, String path) {
        if (StepReferences.isReference(node)) {
            if (StepReferences.pointer(node) == null) {
                throw ApiException.unprocessable("invalid_reference", path + ".path: a JSON Pointer such as"
                        + " \"/file_id\" or \"/fields/total/value\"");
            }
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> checkPointers(f.getValue(), path + "." + f.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkPointers(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static Integer maxAttempts(JsonNode retry, String path) {
        if (retry == null || retry.isNull()) {
            return null;
        }
        if (!retry.isObject()) {
            throw invalid(path + ".retry: must be an object like {\"max_attempts\": 3}");
        }
        rejectUnknown(retry, RETRY_FIELDS, path + ".retry.");
        JsonNode n = retry.get("max_attempts");
        if (n == null) {
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > MAX_ATTEMPTS_LIMIT) {
            throw invalid(path + ".retry.max_attempts: a whole number from 1 to " + MAX_ATTEMPTS_LIMIT);
        }
        return n.asInt();
    }

    private static Integer seconds(JsonNode n, String path, java.time.Duration max) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > max.toSeconds()) {
            throw invalid(path + ": a whole number of seconds from 1 to " + max.toSeconds());
        }
        return n.asInt();
    }

    private static String webhookUrl(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String invalid = "webhook_url: must be an absolute http or https URL of at most 2048 characters";
        if (!node.isTextual() || node.asText().length() > 2048) {
            throw ApiException.unprocessable("invalid_webhook_url", invalid);
        }
        try {
            URI uri = new URI(node.asText());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw ApiException.unprocessable("invalid_webhook_url", invalid);
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw ApiException.unprocessable("invalid_webhook_url", invalid);
        }
    }

    private static void rejectUnknown(JsonNode node, Set<String> allowed, String prefix) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(prefix + name + ": unknown field; allowed: " + String.join(", ", allowed));
            }
        }
    }

    private static List<String> operationIds() {
        List<String> ids = new ArrayList<>();
        for (Operation op : Operation.values()) {
            ids.add(op.id());
        }
        return ids;
    }

    private static ApiException invalid(String detail) {
        return ApiException.unprocessable("invalid_request", detail);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
