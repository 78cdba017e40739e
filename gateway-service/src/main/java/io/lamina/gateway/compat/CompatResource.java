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
            return finishedJob(caller.tenantId(), view);
        } catch (ApiException e) {
            return error(e.status(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(500, "interrupted while waiting for the job");
        } catch (IOException e) {
            return error(500, "could not read the result: " + e.getMessage());
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

    private Response finishedJob(UUID tenantId, JobView view) throws IOException {
        StepView step = view.steps().get(0);
        if (!"succeeded".equals(view.status())) {
            String code = view.error() == null ? "internal_error" : view.error().code();
            String message = view.error() == null ? "the job " + view.status() : step.error() != null
                    ? step.error().message() : view.error().message();
            return error(statusOf(code), message + " (" + code + ", job " + view.id() + ")");
        }
        JsonNode output = step.output();
        if (output != null && output.isObject() && output.path("file_id").isTextual() && output.size() <= 4) {
            return Response.ok(Map.of("success", true, "data", binary(tenantId, output))).build();
        }
        return Response.ok(Map.of("success", true, "data", output == null ? mapper.nullNode() : output)).build();
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

    /** Iteration Layer's status codes: 400, 401, 402, 413, 422, 429, 500. */
    static int statusOf(String code) {
        return switch (code) {
            case "insufficient_credits", "budget_exceeded" -> 402;
            case "limit_exceeded", "file_too_large" -> 413;
            case "invalid_params", "invalid_reference", "unsupported_format", "unsupported_image",
                 "malformed_document", "encrypted_document", "file_not_found", "invalid_file_input" -> 422;
            case "tenant_queue_full" -> 429;
            default -> 500;
        };
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("success", false, "error", message == null ? "error" : message)).build();
    }
}
