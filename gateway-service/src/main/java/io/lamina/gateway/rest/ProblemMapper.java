package io.lamina.gateway.rest;

import io.lamina.gateway.api.ApiException;
import io.lamina.gateway.api.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the gateway answers is RFC 9457 problem+json with a stable {@code code}. */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "content_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        return respond(Problem.of(status, code, Response.Status.fromStatusCode(status) == null
                ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage()));
    }

    /** An internal service (billing, webhooks) did not answer. */
    @ServerExceptionMapper
    public Response dependency(jakarta.ws.rs.ProcessingException e) {
        LOG.warnf("internal service unavailable: %s", e.getMessage());
        return respond(Problem.of(503, "dependency_unavailable", "Service unavailable",
                "an internal service did not answer; retry later"));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error", e);
        return respond(Problem.of(500, "internal_error", "Internal error",
                "the gateway failed unexpectedly; the request may be retried"));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(PROBLEM_JSON).entity(problem).build();
    }
}
