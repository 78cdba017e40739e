package io.lamina.ops.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code lamina.worker.*}. Concurrency itself is {@code smallrye.messaging.worker.op-workers.max-concurrency}. */
@ConfigMapping(prefix = "lamina.worker")
public interface WorkerConfig {

    /**
     * Fault injection for failure tests: every attempt waits this long before it runs, so a test can kill the
     * service while a step is in flight. Zero (the default) in any real installation.
     */
    @WithDefault("PT0S")
    Duration injectedDelay();

    /**
     * Fault injection for retry tests: the first this-many attempts of every step fail with the retryable error
     * {@code injected_fault} before any work. Zero (the default) in any real installation.
     */
    @WithDefault("0")
    int injectedFailures();
}
