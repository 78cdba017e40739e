package io.lamina.gateway.rest;

import io.lamina.problem.ApiException;
import io.lamina.gateway.Status;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.jboss.resteasy.reactive.RestStreamElementType;
import io.lamina.gateway.api.JobPage;
import io.lamina.gateway.api.JobView;
import io.lamina.gateway.config.GatewayConfig;
import io.lamina.gateway.service.Authenticator;
import io.lamina.gateway.service.JobCoordinator;
import io.lamina.gateway.service.JobService;
import io.lamina.gateway.service.JobWaiters;
import io.lamina.gateway.service.Submission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/** Jobs: submit (asynchronously, or waiting up to {@code wait} seconds) and read. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobResource {

    @Inject
    Authenticator auth;

    @Inject
    JobService jobs;

    @Inject
    JobWaiters waiters;

    @Inject
    JobCoordinator coordinator;

    @Inject
    GatewayConfig config;

    @Inject
    io.lamina.gateway.service.FairDispatcher fairDispatcher;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Submit a job: {\"steps\":[{\"id\",\"operation\",\"params\"}], \"webhook_url\"?}. "
            + "202 with the queued job, or 200 with the finished job when it ends within 'wait' seconds. "
            + "An Idempotency-Key header makes retries safe: the same key and request get the first answer again.")
    public Response submit(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam("Idempotency-Key") String idempotencyKey,
                           @QueryParam("wait") Integer waitSeconds, byte[] body) throws InterruptedException {
        Authenticator.Caller caller = auth.caller(authorization);
        UUID tenant = caller.tenantId();
        if (waitSeconds != null && waitSeconds < 0) {
            throw ApiException.unprocessable("invalid_request", "wait: seconds, 0 or more");
        }
        if (body != null && body.length > config.jobs().maxRequestBytes().asLongValue()) {
            throw ApiException.tooLarge("request_too_large", "the job document exceeds "
                    + config.jobs().maxRequestBytes().asLongValue() + " bytes");
        }
        Submission submission = jobs.submit(caller, body, idempotencyKey, waitSeconds);
        UUID jobId = UUID.fromString(submission.jobId());
        URI location = URI.create("/v1/jobs/" + jobId);
        if (waitSeconds == null || waitSeconds == 0) {
            Response.ResponseBuilder accepted = submission.replayed()
                    ? Response.accepted(submission.replayedBody()).type(MediaType.APPLICATION_JSON)
                    .header("Idempotent-Replayed", "true")
                    : Response.accepted(submission.job());
            return accepted.location(location).build();
        }
        Duration wait = Duration.ofSeconds(waitSeconds);
        if (wait.compareTo(config.jobs().maxWait()) > 0) {
            wait = config.jobs().maxWait();
        }
        boolean finished = waiters.await(jobId, wait);
        JobView current = jobs.find(tenant, jobId).orElseThrow();
        if (!finished) {
            return Response.accepted(current).location(location).build();
        }
        if (current.error() != null && ("insufficient_credits".equals(current.error().code())
                || "budget_exceeded".equals(current.error().code()))) {
            throw new ApiException(402, current.error().code(), "Payment required",
                    current.error().message() + " (job " + jobId + ")");
        }
        return Response.ok(current).build();
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel an unfinished job: nothing further runs or is charged; 409 job_finished if it ended")
    public JobView cancel(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        UUID tenant = auth.tenant(authorization);
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("job " + id);
        }
        JobView cancelled = coordinator.cancel(tenant, jobId).orElseThrow(() -> ApiException.notFound("job " + id));
        fairDispatcher.refill(tenant); // the cancelled job's running steps freed their slots
        return cancelled;
    }

    @GET
    @Operation(summary = "The tenant's jobs, newest first: ?status=…&limit=1..100&cursor=<next_cursor>")
    public JobPage list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                        @QueryParam("status") String status, @QueryParam("limit") Integer limit,
                        @QueryParam("cursor") String cursor) {
        UUID tenant = auth.tenant(authorization);
        if (status != null && !Status.isKnown(status)) {
            throw ApiException.badRequest("invalid_status",
                    "status: one of queued, running, succeeded, failed, cancelled");
        }
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw ApiException.badRequest("invalid_limit", "limit: 1 to 100");
        }
        return jobs.list(tenant, status, size, cursor);
    }

    /**
     * Server-Sent Events: the job as JSON each time it changes (event {@code job}), ending after the event that shows
     * it finished. Reads the job every 250 ms, so any gateway replica can serve the stream; each open stream holds a
     * worker thread.
     */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "The job's state as Server-Sent Events, one per change, until it ends")
    public Multi<JobView> events(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @PathParam("id") String id) {
        UUID tenant = auth.tenant(authorization);
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("job " + id);
        }
        jobs.find(tenant, jobId).orElseThrow(() -> ApiException.notFound("job " + id));
        return Multi.createFrom().<JobView>emitter(emitter -> Infrastructure.getDefaultWorkerPool().execute(() -> {
            JobView last = null;
            try {
                while (!emitter.isCancelled()) {
                    JobView now = jobs.current(tenant, jobId).orElse(null);
                    if (now == null) {
                        emitter.complete();
                        return;
                    }
                    if (!now.equals(last)) {
                        emitter.emit(now);
                        last = now;
                    }
                    if (Status.isTerminal(now.status())) {
                        emitter.complete();
                        return;
                    }
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job with its steps' statuses, outputs and errors")
    public JobView get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        UUID tenant = auth.tenant(authorization);
        try {
            return jobs.find(tenant, UUID.fromString(id)).orElseThrow(() -> ApiException.notFound("job " + id));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("job " + id);
        }
    }
}
