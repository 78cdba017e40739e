package io.lamina.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code lamina.*} settings of the gateway. Every limit here is enforced before anything reaches Kafka. */
@ConfigMapping(prefix = "lamina")
public interface GatewayConfig {

    /** Bearer key of the admin API ({@code /admin/*}); absent or empty disables it. */
    Optional<String> adminKey();

    /** Base URL of billing-service's internal API (used by the {@code billing} REST client). */
    @WithDefault("http://127.0.0.1:8085")
    String billingUrl();

    /** Base URL of webhook-service's internal API (used by the {@code webhooks} REST client). */
    @WithDefault("http://127.0.0.1:8086")
    String webhookUrl();

    Files files();

    Retention retention();

    /** How long finished work is kept; expired rows are deleted by a periodic sweep. */
    interface Retention {
        /** Finished jobs (and their steps), counted from when they ended. */
        @WithDefault("P30D")
        Duration jobs();

        /** Uploads and step outputs, counted from their creation. */
        @WithDefault("P30D")
        Duration files();

        @WithDefault("1h")
        String every();

        /** Deleting the bytes nothing references any more, after each purge of rows. */
        Blobs blobs();

        interface Blobs {
            /** Whether a retention run also deletes unreferenced blobs. */
            @WithDefault("true")
            boolean enabled();

            /**
             * Blobs written (or written again) less than this long before the run, or before the oldest running
             * attempt started, are never deleted: the time between a write and the reference recorded for it.
             */
            @WithDefault("PT1H")
            Duration grace();

            /** Blob ids listed from the store and looked up in PostgreSQL at a time. */
            @WithDefault("1000")
            int pageSize();
        }
    }

    Jobs jobs();

    /** The Iteration-Layer-compatible endpoints. */
    Compat compat();

    interface Compat {
        /** How long a synchronous call (no webhook_url) waits for its job before answering 202 with the job id. */
        @WithDefault("PT5M")
        Duration syncWait();

        /** Largest binary result returned inline as base64; larger ones answer 413 result_too_large. */
        @WithDefault("50M")
        MemorySize maxInlineBytes();
    }

    interface Files {
        /** Largest upload, and largest decoded base64 file inside step params. */
        @WithDefault("50M")
        MemorySize maxBytes();
    }

    interface Jobs {
        /** Most steps in one job. */
        @WithDefault("50")
        int maxSteps();

        /** Longest {@code wait} a synchronous call may ask for; longer asks are clamped to this. */
        @WithDefault("PT5M")
        Duration maxWait();

        /** Step params larger than this (serialized) travel through the blob store instead of inside the command. */
        @WithDefault("256K")
        MemorySize inlineParamsLimit();

        /** Longest accepted request body for {@code POST /v1/jobs}. */
        @WithDefault("70M")
        MemorySize maxRequestBytes();

        /** Retries of failed attempts whose error is retryable (and of attempts that timed out). */
        Retry retry();

        /** How long one attempt may run before it counts as failed (retryable): {@code attempt_timeout}. */
        @WithDefault("PT5M")
        Duration attemptTimeout();

        /** The most a request may ask for in a step's {@code timeout_seconds}. */
        @WithDefault("PT1H")
        Duration maxAttemptTimeout();

        /** Schedule-to-close timeout of a job (from submission to its end); a job may ask for less or more. */
        @WithDefault("PT1H")
        Duration jobTimeout();

        /** The most a request may ask for in the job's {@code timeout_seconds}. */
        @WithDefault("PT24H")
        Duration maxJobTimeout();

        /** How long an Idempotency-Key of {@code POST /v1/jobs} is remembered. */
        @WithDefault("PT24H")
        Duration idempotencyKeyTtl();

        /**
         * Fairness: at most this many steps of one tenant run at once per operation; the tenant's other ready steps
         * wait in the gateway and go out as its running ones finish.
         */
        @WithDefault("8")
        int maxInFlightPerTenant();

        /**
         * Backpressure: a tenant may have this many unfinished steps (queued, waiting or running); a submission that
         * would go beyond is refused with 429 {@code tenant_queue_full} and {@code Retry-After}.
         */
        @WithDefault("10000")
        int maxQueuedStepsPerTenant();

        /** The {@code Retry-After} sent with 429 {@code tenant_queue_full}. */
        @WithDefault("PT5S")
        Duration queueFullRetryAfter();

        /** Most items a {@code for_each} step fans out to. */
        @WithDefault("1000")
        int maxFanOut();

        /** How often overdue attempts and due retries are looked for. */
        @WithDefault("1s")
        String sweepEvery();
    }

    interface Retry {
        /** Attempts per step, the first included; a step's {@code retry.max_attempts} may ask for 1 to 10. */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("PT1S")
        Duration initialInterval();

        @WithDefault("2.0")
        double backoffCoefficient();

        @WithDefault("PT1M")
        Duration maxInterval();

        /** Each wait is spread by up to this fraction either way, so retries of many steps do not align. */
        @WithDefault("0.2")
        double jitter();
    }
}
