package io.lamina.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.Operation;
import io.lamina.contracts.jobs.StepEstimate;
import io.lamina.gateway.api.JobView;
import io.lamina.gateway.client.BillingClient;
import io.lamina.gateway.client.BillingPricesClient;
import io.lamina.gateway.compat.OperationSchemas;
import io.lamina.gateway.config.GatewayConfig;
import io.lamina.gateway.service.Authenticator;
import io.lamina.gateway.service.FairDispatcher;
import io.lamina.gateway.service.JobCoordinator;
import io.lamina.gateway.service.JobService;
import io.lamina.gateway.service.Submission;
import io.lamina.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Lamina's MCP tools: one per operation (arguments: the operation's Iteration Layer request body), {@code run_pipeline}
 * (a whole job document), {@code get_job}, {@code cancel_job}, {@code estimate_cost} and {@code get_balance}. Every
 * tool runs as the tenant of the API key; calls that outlast their wait answer with a job handle to poll.
 */
@ApplicationScoped
public class McpTools {

    /** A tool's result, and whether it is an error the model should see (MCP's {@code isError}). */
    public record Result(JsonNode structured, boolean error) {
    }

    /** Raised for arguments that do not fit the tool's input schema (JSON-RPC -32602). */
    public static final class BadArguments extends RuntimeException {
        BadArguments(String message) {
            super(message);
        }
    }

    static final int DEFAULT_WAIT = 60;
    static final long POLL_MILLIS = 100;

    @Inject
    ObjectMapper mapper;

    @Inject
    JobService jobs;

    @Inject
    JobCoordinator coordinator;

    @Inject
    FairDispatcher fairDispatcher;

    @Inject
    GatewayConfig config;

    @Inject
    @RestClient
    BillingClient billing;

    @Inject
    @RestClient
    BillingPricesClient prices;

    public ArrayNode list() {
        ArrayNode tools = mapper.createArrayNode();
        for (Operation op : Operation.values()) {
            ObjectNode input = OperationSchemas.of(op);
            input.remove("$schema");
            ((ObjectNode) input.get("properties")).set("wait_seconds", waitSchema());
            tools.add(tool(op.id(), input.path("title").asText(title(op)), input.path("description").asText()
                    + " Runs as a one-step Lamina job and returns the job with the step's output (files as references"
                    + " {file_id, name, mime_type, size} downloadable at /v1/files/{file_id}). Arguments are validated"
                    + " like POST /v1/jobs.", input, !OPEN_WORLD.contains(op)));
        }
        ObjectNode pipeline = mapper.createObjectNode().put("type", "object");
        ObjectNode props = pipeline.putObject("properties");
        props.set("steps", stepsSchema());
        props.putObject("timeout_seconds").put("type", "integer").put("minimum", 1)
                .put("description", "deadline of the whole job in seconds");
        props.set("wait_seconds", waitSchema());
        pipeline.putArray("required").add("steps");
        tools.add(tool("run_pipeline", "Run a pipeline", "Runs a job of several chained steps (the body of POST"
                + " /v1/jobs). Sends progress notifications when the call carries a progressToken.", pipeline, true));
        tools.add(tool("get_job", "Get a job", "The job with its steps, statuses, progress and outputs.",
                idSchema(), true).set("annotations", annotations("Get a job", true, false, true)));
        tools.add(tool("cancel_job", "Cancel a job", "Cancels an unfinished job: nothing further runs or is charged.",
                idSchema(), true).set("annotations", annotations("Cancel a job", false, true, true)));
        ObjectNode estimate = mapper.createObjectNode().put("type", "object");
        estimate.putObject("properties").set("steps", stepsSchema());
        estimate.putArray("required").add("steps");
        tools.add(tool("estimate_cost", "Estimate the cost", "Credits a job document would reserve, per step,"
                + " without running it.", estimate, true).set("annotations",
                annotations("Estimate the cost", true, false, true)));
        ObjectNode none = mapper.createObjectNode().put("type", "object");
        none.putObject("properties");
        tools.add(tool("get_balance", "Get the credit balance", "The tenant's balance, credits held by running jobs"
                + " and available credits.", none, true).set("annotations",
                annotations("Get the credit balance", true, false, true)));
        return tools;
    }

    public Result call(Authenticator.Caller caller, String name, JsonNode arguments, IntConsumer progress)
            throws InterruptedException {
        ObjectNode args = arguments == null || arguments.isNull() ? mapper.createObjectNode()
                : arguments.isObject() ? ((ObjectNode) arguments).deepCopy() : null;
        if (args == null) {
            throw new BadArguments("arguments must be an object");
        }
        try {
            return switch (name) {
                case "run_pipeline" -> runJob(caller, jobDocument(args), waitOf(args), progress);
                case "get_job" -> new Result(job(caller.tenantId(), jobId(args)), false);
                case "cancel_job" -> {
                    UUID id = jobId(args);
                    JobView view = coordinator.cancel(caller.tenantId(), id)
                            .orElseThrow(() -> ApiException.notFound("job " + id));
                    fairDispatcher.refill(caller.tenantId());
                    yield new Result(mapper.valueToTree(view), false);
                }
                case "estimate_cost" -> new Result(estimate(caller.tenantId(), jobDocument(args)), false);
                case "get_balance" -> new Result(billing.account(caller.tenantId().toString()), false);
                default -> {
                    Operation op = Operation.byId(name).orElseThrow(() -> new BadArguments("unknown tool " + name));
                    int wait = waitOf(args);
                    ObjectNode job = mapper.createObjectNode();
                    ObjectNode step = job.putArray("steps").addObject();
                    step.put("id", op.id()).put("operation", op.id());
                    args.remove("webhook_url");
                    step.set("params", args);
                    yield runJob(caller, job, wait, progress);
                }
            };
        } catch (ApiException e) {
            ObjectNode error = mapper.createObjectNode();
            error.put("code", e.code()).put("status", e.status()).put("message", e.getMessage());
            return new Result(mapper.createObjectNode().set("error", error), true);
        }
    }

    private Result runJob(Authenticator.Caller caller, ObjectNode job, int wait, IntConsumer progress)
            throws InterruptedException {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(job);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadArguments("arguments are not JSON: " + e.getOriginalMessage());
        }
        Submission submission = jobs.submit(caller, body, null, null);
        UUID id = UUID.fromString(submission.jobId());
        long deadline = System.nanoTime() + Duration.ofSeconds(wait).toNanos();
        int last = -1;
        while (true) {
            // Each look is its own transaction, so it sees what the coordinator committed meanwhile.
            JobView view = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> jobs.find(caller.tenantId(), id).orElseThrow());
            boolean finished = List.of("succeeded", "failed", "cancelled").contains(view.status());
            if (view.progressPercent() != last && progress != null) {
                last = view.progressPercent();
                progress.accept(last);
            }
            long left = deadline - System.nanoTime();
            if (finished || left <= 0) {
                ObjectNode result = mapper.valueToTree(view);
                if (!finished) {
                    result.put("message", "still running after " + wait + " s: call get_job with job_id " + id);
                }
                result.put("job_id", id.toString());
                return new Result(result, "failed".equals(view.status()));
            }
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, POLL_MILLIS));
        }
    }

    private ObjectNode estimate(UUID tenantId, ObjectNode document) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadArguments(e.getOriginalMessage());
        }
        List<StepEstimate> estimates = jobs.estimate(tenantId, body);
        JsonNode priceList = prices.prices();
        ObjectNode result = mapper.createObjectNode();
        ArrayNode steps = result.putArray("steps");
        long total = 0;
        for (StepEstimate e : estimates) {
            long credits = e.estimatedUnits() * priceList.path(e.operation()).asLong(0);
            total += credits;
            steps.addObject().put("step_id", e.stepId()).put("operation", e.operation())
                    .put("units", e.estimatedUnits()).put("credits", credits);
        }
        result.put("credits", total);
        result.put("note", "reserved at submission; steps whose size is known only later (pages of a PDF, items of"
                + " a referenced for_each) are charged by what they process");
        return result;
    }

    private JsonNode job(UUID tenantId, UUID id) {
        return mapper.valueToTree(jobs.find(tenantId, id).orElseThrow(() -> ApiException.notFound("job " + id)));
    }

    private static ObjectNode jobDocument(ObjectNode args) {
        args.remove("wait_seconds");
        if (!args.path("steps").isArray()) {
            throw new BadArguments("steps: required, an array of steps");
        }
        return args;
    }

    private static UUID jobId(ObjectNode args) {
        try {
            return UUID.fromString(args.path("job_id").asText());
        } catch (IllegalArgumentException e) {
            throw new BadArguments("job_id: required, a job id (UUID)");
        }
    }

    private int waitOf(ObjectNode args) {
        JsonNode w = args.remove("wait_seconds");
        if (w == null || w.isNull()) {
            return DEFAULT_WAIT;
        }
        if (!w.canConvertToInt() || w.asInt() < 0) {
            throw new BadArguments("wait_seconds: a whole number of seconds, 0 or more");
        }
        return (int) Math.min(w.asInt(), config.jobs().maxWait().toSeconds());
    }

    /** Operations that reach out to hosts the caller names. */
    private static final java.util.Set<Operation> OPEN_WORLD = java.util.EnumSet.of(Operation.WEBSITE_EXTRACTION,
            Operation.DOCUMENT_EXTRACTION);

    private ObjectNode tool(String name, String title, String description, ObjectNode input, boolean closedWorld) {
        ObjectNode tool = mapper.createObjectNode();
        tool.put("name", name);
        tool.put("title", title);
        tool.put("description", description);
        tool.set("inputSchema", input);
        tool.set("outputSchema", outputSchema(name));
        tool.set("annotations", annotations(title, false, false, closedWorld));
        return tool;
    }

    private ObjectNode annotations(String title, boolean readOnly, boolean destructive, boolean closedWorld) {
        return mapper.createObjectNode().put("title", title).put("readOnlyHint", readOnly)
                .put("destructiveHint", destructive).put("idempotentHint", readOnly)
                .put("openWorldHint", !closedWorld);
    }

    private ObjectNode outputSchema(String tool) {
        ObjectNode schema = mapper.createObjectNode().put("type", "object");
        ObjectNode p = schema.putObject("properties");
        switch (tool) {
            case "estimate_cost" -> {
                p.putObject("credits").put("type", "integer").put("description", "credits reserved at submission");
                ObjectNode step = p.putObject("steps").put("type", "array").putObject("items").put("type", "object");
                ObjectNode sp = step.putObject("properties");
                sp.putObject("step_id").put("type", "string");
                sp.putObject("operation").put("type", "string");
                sp.putObject("units").put("type", "integer");
                sp.putObject("credits").put("type", "integer");
                p.putObject("note").put("type", "string");
                p.set("error", errorSchema());
            }
            case "get_balance" -> {
                p.putObject("balance").put("type", "integer");
                p.putObject("reserved").put("type", "integer");
                p.putObject("available").put("type", "integer");
                p.set("error", errorSchema());
            }
            default -> {
                p.putObject("id").put("type", "string").put("format", "uuid");
                p.putObject("job_id").put("type", "string").put("format", "uuid")
                        .put("description", "the job to poll with get_job while it runs");
                p.putObject("status").put("type", "string")
                        .set("enum", mapper.valueToTree(List.of("queued", "running", "succeeded", "failed", "cancelled")));
                p.putObject("progress_percent").put("type", "integer").put("minimum", 0).put("maximum", 100);
                ObjectNode step = p.putObject("steps").put("type", "array").putObject("items").put("type", "object");
                ObjectNode sp = step.putObject("properties");
                sp.putObject("id").put("type", "string");
                sp.putObject("operation").put("type", "string");
                sp.putObject("status").put("type", "string");
                sp.putObject("attempt").put("type", "integer");
                sp.putObject("output").put("description", "the operation's result (Iteration Layer's data); a file"
                        + " as {file_id, name, mime_type, size}");
                sp.putObject("usage").set("type", mapper.valueToTree(List.of("object", "null")));
                sp.set("error", errorSchema());
                p.put("message", mapper.createObjectNode().put("type", "string"));
                p.set("error", errorSchema());
            }
        }
        return schema;
    }

    /** {code, message} of a failed job or step, or of a refused call ({code, status, message}). */
    private ObjectNode errorSchema() {
        ObjectNode error = mapper.createObjectNode();
        error.set("type", mapper.valueToTree(List.of("object", "null")));
        ObjectNode p = error.putObject("properties");
        p.putObject("code").put("type", "string");
        p.putObject("message").put("type", "string");
        p.putObject("status").put("type", "integer");
        p.putObject("retryable").set("type", mapper.valueToTree(List.of("boolean", "null")));
        return error;
    }

    private ObjectNode stepsSchema() {
        ObjectNode steps = mapper.createObjectNode().put("type", "array").put("minItems", 1)
                .put("description", "the steps; params may reference an earlier step's output with"
                        + " {\"$step\": id, \"path\": JSON Pointer}, and a for_each step's params its element with"
                        + " {\"$item\": JSON Pointer}");
        ObjectNode step = steps.putObject("items").put("type", "object");
        ObjectNode p = step.putObject("properties");
        p.putObject("id").put("type", "string").put("minLength", 1);
        p.putObject("operation").set("enum", mapper.valueToTree(
                java.util.Arrays.stream(Operation.values()).map(Operation::id).toList()));
        p.putObject("params").put("type", "object")
                .put("description", "the operation's params: the input schema of the tool of the same name");
        p.putObject("for_each").put("description", "an array, or a reference to an array in an earlier output");
        p.putObject("retry").put("type", "object").putObject("properties").putObject("max_attempts")
                .put("type", "integer").put("minimum", 1).put("maximum", 10);
        p.putObject("timeout_seconds").put("type", "integer").put("minimum", 1);
        step.putArray("required").add("id").add("operation").add("params");
        return steps;
    }

    private ObjectNode waitSchema() {
        return mapper.createObjectNode().put("type", "integer").put("minimum", 0).put("description",
                "seconds to wait for the result (default " + DEFAULT_WAIT + "); after that a job handle is returned");
    }

    private ObjectNode idSchema() {
        ObjectNode schema = mapper.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("job_id").put("type", "string").put("format", "uuid");
        schema.putArray("required").add("job_id");
        return schema;
    }

    private static String title(Operation op) {
        String words = op.id().replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
