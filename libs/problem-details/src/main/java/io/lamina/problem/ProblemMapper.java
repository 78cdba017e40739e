package io.lamina.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a Lamina REST service answers is RFC 9457 problem+json with a stable {@code code}. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        Response response = respond(e.toProblem());
        if (e.retryAfterSeconds() != null) {
            response.getHeaders().putSingle("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return response;
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        return respond(Problem.of(400, "malformed_json", "Bad request", "the body is not valid JSON"));
    }

    /** Ranked above Quarkus' own mapper for this exception, which would answer without problem+json. */
    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response mistypedBody(MismatchedInputException e) {
        String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
        return respond(Problem.of(400, "malformed_json", "Bad request", field == null
                ? "the body does not have the expected shape" : "field " + field + " has the wrong type"));
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "content_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        return respond(Problem.of(status, code, known == null ? "Error" : known.getReasonPhrase(), e.getMessage()));
    }

    /** A service this one calls did not answer. */
    @ServerExceptionMapper
    public Response dependency(ProcessingException e) {
        LOG.warnf("internal service unavailable: %s", e.getMessage());
        return respond(Problem.of(503, "dependency_unavailable", "Service unavailable",
                "an internal service did not answer; retry later"));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error", e);
        return respond(Problem.of(500, "internal_error", "Internal error",
                "the service failed unexpectedly; the request may be retried"));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
