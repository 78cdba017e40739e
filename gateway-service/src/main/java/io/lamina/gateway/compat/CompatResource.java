package io.lamina.gateway.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.Operation;
import io.lamina.gateway.StoredFile;
import io.lamina.gateway.api.JobView;
import io.lamina.gateway.api.StepView;
import io.lamina.gateway.config.GatewayConfig;
import io.lamina.gateway.service.Authenticator;
import io.lamina.gateway.service.FileService;
import io.lamina.gateway.service.JobService;
import io.lamina.gateway.service.JobWaiters;
import io.lamina.gateway.service.Submission;
import io.lamina.problem.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Iteration Layer's endpoints, request and response shapes, as thin mappings onto Lamina jobs: the body is the one
 * step's params; without {@code webhook_url} the call waits for the job and answers {@code {success, data}} (binary
 * results as {@code {buffer (base64), mime_type}}); with it the answer is 201 {@code {success, async, message}} plus
 * Lamina's {@code job_id}. Errors are {@code {success: false, error}} with Iteration Layer's status codes.
 */
@Path("/")
@Tag(name = "Iteration Layer compatible", description = "Drop-in endpoints: change the SDK's base URL to Lamina's")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class CompatResource {

    @Inject
    Authenticator auth;

    @Inject
    JobService jobs;

    @Inject
    JobWaiters waiters;

    @Inject
    FileService files;

    @Inject
    ObjectMapper mapper;

    @Inject
    GatewayConfig config;

    @POST
    @Path("document-extraction/v1/extract")
    public Response extractDocument(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @HeaderParam("Idempotency-Key") String key, byte[] body) {
        return call(Operation.DOCUMENT_EXTRACTION, authorization, key, body);
    }

    @POST
    @Path("document-to-markdown/v1/convert")
    public Response convertToMarkdown(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                      @HeaderParam("Idempotency-Key") String key, byte[] body) {
        return call(Operation.DOCUMENT_TO_MARKDOWN, authorization, key, body);
    }

    @POST
    @Path("website-extraction/v1/extract")
    public Response extractWebsite(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                   @HeaderParam("Idempotency-Key") String key, byte[] body) {
        return call(Operation.WEBSITE_EXTRACTION, authorization, key, body);
    }

    @POST
    @Path("image-transformation/v1/transform")
    public Response transformImage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                   @HeaderParam("Idempotency-Key") String key, byte[] body) {
        return call(Operation.IMAGE_TRANSFORMATION, authorization, key, body);
    }

    @POST
    @Path("image-generation/v1/generate")
    public Response generateImage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @HeaderParam("Idempotency-Key") String key, byte[] body) {
        return call(Operation.IMAGE_GENERATION, authorization, key, body);
    }

    @POST
    @Path("document-generation/v1/generate")
    public Response generateDocument(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @HeaderParam("Idempotency-Key") String key, byte[] body) {
        return call(Operation.DOCUMENT_GENERATION, authorization, key, body);
    }

    @POST
    @Path("sheet-generation/v1/generate")
    public Response generateSheet(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @HeaderParam("Idempotency-Key") String key, byte[] body) {
        return call(Operation.SHEET_GENERATION, authorization, key, body);
    }

    private Response call(Operation operation, String authorization, String idempotencyKey, byte[] body) {
        try {
            Authenticator.Caller caller = auth.caller(authorization);
            if (body != null && body.length > config.jobs().maxRequestBytes().asLongValue()) {
                throw ApiException.tooLarge("request_too_large", "the request exceeds "
                        + config.jobs().maxRequestBytes().asLongValue() + " bytes (lamina.jobs.max-request-bytes)");
            }
            ObjectNode params = params(body);
            JsonNode webhook = params.remove("webhook_url");
            ObjectNode job = mapper.createObjectNode();
            ObjectNode step = job.putArray("steps").addObject();
            step.put("id", operation.id());
            step.put("operation", operation.id());
            step.set("params", params);
            if (webhook != null && !webhook.isNull()) {
                job.set("webhook_url", webhook);
                Submission submission = jobs.submit(caller, mapper.writeValueAsBytes(job), idempotencyKey, null);
                return Response.status(201).entity(Map.of("success", true, "async", true,
                        "message", "Accepted: the result is sent to webhook_url when the job ends",
                        "job_id", submission.jobId())).build();
            }
            int waitSeconds = (int) Math.min(config.compat().syncWait().toSeconds(), config.jobs().maxWait().toSeconds());
            Submission submission = jobs.submit(caller, mapper.writeValueAsBytes(job), idempotencyKey, waitSeconds);
            UUID jobId = UUID.fromString(submission.jobId());
            boolean finished = waiters.await(jobId, Duration.ofSeconds(waitSeconds));
            JobView view = jobs.find(caller.tenantId(), jobId).orElseThrow();
            if (!finished) {
                return Response.status(202).entity(Map.of("success", true, "async", true, "message",
                        "Still running after " + waitSeconds + " s: follow GET /v1/jobs/" + jobId,
                        "job_id", jobId.toString())).build();
            }
            return finishedJob(caller.tenantId(), operation, params, view);
        } catch (ApiException e) {
            Response.ResponseBuilder error = error(e.status(), e.getMessage() + " (" + e.code() + ")");
            if (e.retryAfterSeconds() != null) {
                error.header("Retry-After", e.retryAfterSeconds());
            }
            if (e.status() == 401) {
                error.header("WWW-Authenticate", "Bearer");
            }
            return error.build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(500, "interrupted while waiting for the job").build();
        } catch (IOException e) {
            return error(500, "could not read the result: " + e.getMessage()).build();
        }
    }

    private ObjectNode params(byte[] body) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private Response finishedJob(UUID tenantId, Operation operation, ObjectNode params, JobView view)
            throws IOException {
        StepView step = view.steps().get(0);
        if (!"succeeded".equals(view.status())) {
            String code = step.error() != null ? step.error().code()
                    : view.error() != null ? view.error().code() : "internal_error";
            String message = step.error() != null ? step.error().message()
                    : view.error() != null ? view.error().message() : "the job " + view.status();
            return error(statusOf(code), message + " (" + code + ", job " + view.id() + ")").build();
        }
        JsonNode output = step.output() == null ? mapper.nullNode() : step.output();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        if (isFileReference(output)) {
            body.put("data", binary(tenantId, output));
        } else if (operation == Operation.WEBSITE_EXTRACTION) {
            websiteResult(params, step, output, body);
        } else {
            body.put("data", output);
        }
        return Response.ok(body).build();
    }

    /** A step output that is exactly a file reference {file_id, name, mime_type, size}: a binary result. */
    static boolean isFileReference(JsonNode output) {
        return output.isObject() && output.size() == 4 && output.path("file_id").isTextual()
                && output.has("name") && output.has("mime_type") && output.has("size");
    }

    /**
     * Iteration Layer answers website extraction as {@code {success, data, metadata}} with WebsiteMetadata beside
     * {@code data}. Without a schema Lamina's output carries its fetch metadata inside; it is lifted out and named as
     * Iteration Layer names it. With a schema the output is the ExtractionResult alone: the metadata then has what
     * the gateway knows (the requested URL and the pages read).
     */
    private void websiteResult(ObjectNode params, StepView step, JsonNode output, Map<String, Object> body) {
        ObjectNode metadata = mapper.createObjectNode();
        metadata.put("requested_url", params.path("file").path("url").asText());
        JsonNode fetched = output.path("metadata");
        if (output.isObject() && fetched.isObject() && output.has("markdown")) {
            ObjectNode data = ((ObjectNode) output).deepCopy();
            data.remove("metadata");
            body.put("data", data);
            copy(fetched, "final_url", metadata, "final_url");
            copy(fetched, "status", metadata, "status_code");
            copy(fetched, "content_type", metadata, "content_type");
            copy(fetched, "body_size", metadata, "body_size");
            copy(fetched, "title", metadata, "title");
            copy(fetched, "redirects", metadata, "redirects");
        } else {
            body.put("data", output);
        }
        metadata.put("page_count", step.usage() == null ? 1 : step.usage().units());
        body.put("metadata", metadata);
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        if (from.has(field)) {
            to.set(as, from.get(field));
        }
    }

    /** A file output as Iteration Layer's BinaryResult: the bytes in base64 and the MIME type. */
    private Map<String, String> binary(UUID tenantId, JsonNode ref) throws IOException {
        StoredFile file = files.find(tenantId, UUID.fromString(ref.get("file_id").asText()))
                .orElseThrow(() -> new IOException("the output file is gone"));
        if (file.size > config.compat().maxInlineBytes().asLongValue()) {
            throw new ApiException(413, "result_too_large", "Content too large", "the result has " + file.size
                    + " bytes, more than lamina.compat.max-inline-bytes; use /v1/jobs and download /v1/files/"
                    + file.id);
        }
        try (InputStream in = files.open(file).orElseThrow(() -> new IOException("the output blob is gone"))) {
            return Map.of("buffer", Base64.getEncoder().encodeToString(in.readAllBytes()), "mime_type", file.mimeType);
        }
    }

    /**
     * Iteration Layer's status codes for a failed job: 402 credits, 413 limits, 422 inputs that cannot be processed,
     * 400 a URL that may not or could not be fetched (Iteration Layer answers robots.txt refusals and fetch failures
     * with 400), 429 a full queue, 500 the rest.
     */
    static int statusOf(String code) {
        return switch (code) {
            case "insufficient_credits", "budget_exceeded" -> 402;
            case "limit_exceeded", "file_too_large", "request_too_large", "result_too_large" -> 413;
            case "invalid_params", "invalid_reference", "unsupported_format", "unsupported_image",
                 "unsupported_input", "malformed_document", "encrypted_document", "file_not_found",
                 "invalid_file_input", "input_missing" -> 422;
            case "fetch_blocked", "robots_disallowed", "fetch_failed" -> 400;
            case "tenant_queue_full" -> 429;
            default -> 500;
        };
    }

    private static Response.ResponseBuilder error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("success", false, "error", message == null ? "error" : message));
    }
}
