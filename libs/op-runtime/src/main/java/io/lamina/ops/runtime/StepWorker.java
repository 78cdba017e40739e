package io.lamina.ops.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.blobs.BlobStore;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.jobs.StepCommand;
import io.lamina.contracts.ops.StepProgress;
import io.lamina.contracts.ops.StepResult;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Consumes step commands (channel {@code commands}), runs the matching {@link Operation} on a bounded worker pool and
 * publishes one {@link StepResult} (channel {@code results}) before the command's offset is committed. A service killed
 * mid-step gets the command again after restart; the gateway ignores a second result for the same attempt.
 */
@ApplicationScoped
public class StepWorker {

    private static final Logger LOG = Logger.getLogger(StepWorker.class);

    private final Map<String, Operation> operations;
    private final BlobStore blobs;
    private final ObjectMapper mapper;
    private final WorkerConfig config;
    private final Emitter<String> results;
    private final Emitter<String> progress;
    private final Cancellations cancellations;

    @Inject
    public StepWorker(Instance<Operation> operations, BlobStore blobs, ObjectMapper mapper, WorkerConfig config,
                      @Channel("results") Emitter<String> results, @Channel("progress") Emitter<String> progress,
                      Cancellations cancellations) {
        this.operations = operations.stream().collect(Collectors.toMap(Operation::id, Function.identity()));
        this.blobs = blobs;
        this.mapper = mapper;
        this.config = config;
        this.results = results;
        this.progress = progress;
        this.cancellations = cancellations;
    }

    /** A record that is not a step command throws here, and the channel's failure strategy dead-letters it. */
    @Incoming("commands")
    @Blocking(value = "op-workers", ordered = false)
    public void consume(String json) throws Exception {
        StepCommand command = mapper.readValue(json, StepCommand.class);
        MDC.put("jobId", command.jobId());
        MDC.put("tenantId", command.tenantId());
        MDC.put("stepId", command.stepId());
        try {
            LOG.infof("step started: job=%s step=%s operation=%s attempt=%d", command.jobId(), command.stepId(),
                    command.operation(), command.attempt());
            long started = System.nanoTime();
            StepResult result = execute(command).withRunMillis((System.nanoTime() - started) / 1_000_000);
            publish(result);
            LOG.infof("step %s: job=%s step=%s%s", result.status(), command.jobId(), command.stepId(),
                    result.error() == null ? "" : " code=" + result.error().code());
        } finally {
            MDC.remove("jobId");
            MDC.remove("tenantId");
            MDC.remove("stepId");
        }
    }

    private StepResult execute(StepCommand command) throws InterruptedException {
        Operation operation = operations.get(command.operation());
        if (operation == null) {
            return fail(command, ErrorInfo.permanent("operation_not_supported",
                    "operation '" + command.operation() + "' is not implemented by this Lamina version yet"));
        }
        if (cancellations.isCancelled(command.jobId())) {
            return fail(command, ErrorInfo.permanent("job_cancelled", "the job ended before this step started"));
        }
        if (command.attempt() <= config.injectedFailures()) {
            return fail(command, ErrorInfo.temporary("injected_fault",
                    "attempt " + command.attempt() + " failed on purpose (lamina.worker.injected-failures)"));
        }
        cancellations.started(command.jobId());
        try {
            if (!config.injectedDelay().isZero()) {
                Thread.sleep(config.injectedDelay().toMillis());
            }
            return run(operation, command);
        } catch (InterruptedException e) {
            return fail(command, ErrorInfo.permanent("job_cancelled", "the job ended while this step ran"));
        } finally {
            cancellations.finished(command.jobId());
        }
    }

    private StepResult run(Operation operation, StepCommand command) {
        StepContext context = new StepContext(command.tenantId(), command.jobId(), command.stepId(), command.attempt(),
                blobs, new AttemptSignals(command));
        try {
            Outcome outcome = operation.run(params(command), context);
            if (outcome instanceof Outcome.Succeeded ok) {
                return StepResult.succeeded(command.tenantId(), command.jobId(), command.stepId(),
                        command.operation(), command.attempt(), ok.output(), ok.usage());
            }
            return fail(command, ((Outcome.Failed) outcome).error());
        } catch (OperationException e) {
            return fail(command, e.error());
        } catch (InterruptedException e) {
            return fail(command, ErrorInfo.permanent("job_cancelled", "the job ended while this step ran"));
        } catch (OutOfMemoryError e) {
            return fail(command, ErrorInfo.permanent("limit_exceeded", "the input needs more memory than allowed"));
        } catch (Exception e) {
            LOG.errorf(e, "operation %s crashed", command.operation());
            return fail(command, ErrorInfo.temporary("internal_error",
                    "the operation failed unexpectedly: " + e.getClass().getSimpleName()));
        }
    }

    /** Progress of one attempt, throttled to about one record a second (and always the last one). */
    private final class AttemptSignals implements StepContext.Signals {

        private final StepCommand command;
        private long lastSent;

        AttemptSignals(StepCommand command) {
            this.command = command;
        }

        @Override
        public void progress(long done, long total, String unit) {
            long now = System.nanoTime();
            if (done < total && now - lastSent < 1_000_000_000L) {
                return;
            }
            lastSent = now;
            try {
                progress.send(Message.of(mapper.writeValueAsString(StepProgress.of(command.tenantId(),
                                command.jobId(), command.stepId(), command.attempt(), done, total, unit)))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(command.jobId()).build()));
            } catch (Exception e) {
                LOG.debugf("progress not sent: %s", e.toString());
            }
        }

        @Override
        public boolean cancelled() {
            return cancellations.isCancelled(command.jobId()) || Thread.currentThread().isInterrupted();
        }
    }

    private JsonNode params(StepCommand command) throws Exception {
        if (command.paramsBlobId() == null) {
            return command.params();
        }
        try (InputStream in = blobs.open(command.paramsBlobId()).orElseThrow(() -> new OperationException(
                ErrorInfo.permanent("params_missing", "the step's parameters are no longer in the blob store")))) {
            return mapper.readTree(in);
        }
    }

    private static StepResult fail(StepCommand c, ErrorInfo error) {
        return StepResult.failed(c.tenantId(), c.jobId(), c.stepId(), c.operation(), c.attempt(), error);
    }

    private void publish(StepResult result) throws Exception {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        results.send(Message.of(mapper.writeValueAsString(result))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(result.jobId()).build())
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    ack.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        ack.get(30, TimeUnit.SECONDS);
    }
}
