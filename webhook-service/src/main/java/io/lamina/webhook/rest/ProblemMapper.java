package io.lamina.webhook.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.Locale;

/** Every error answer of this service as RFC 9457 {@code application/problem+json} with a stable {@code code}. */
@Provider
public class ProblemMapper implements ExceptionMapper<Exception> {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, String code) {
    }

    @Override
    public Response toResponse(Exception e) {
        Problem problem;
        if (e instanceof ProblemException p) {
            problem = new Problem("about:blank", p.title(), p.status(), p.getMessage(), p.code());
        } else if (e instanceof WebApplicationException w) {
            Response.StatusType s = w.getResponse().getStatusInfo();
            problem = new Problem("about:blank", s.getReasonPhrase(), s.getStatusCode(), w.getMessage(),
                    s.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_'));
        } else {
            LOG.error("unexpected error", e);
            problem = new Problem("about:blank", "Internal Server Error", 500, "unexpected error", "internal_error");
        }
        return Response.status(problem.status()).type(PROBLEM_JSON).entity(problem).build();
    }
}
