package io.lamina.ops.runtime;

import io.lamina.blobs.BlobStore;

/**
 * Who the step runs for, the blob store to read inputs from and write outputs to, and the signals of the running
 * attempt: report progress (pages done) and ask whether the job was cancelled meanwhile.
 */
public record StepContext(String tenantId, String jobId, String stepId, int attempt, BlobStore blobs,
                          Signals signals) {

    /** A context without signals (progress goes nowhere, never cancelled): for tests and tools. */
    public StepContext(String tenantId, String jobId, String stepId, int attempt, BlobStore blobs) {
        this(tenantId, jobId, stepId, attempt, blobs, Signals.NONE);
    }

    /** {@code done} of {@code total} {@code unit}s (e.g. pages) are finished; sent at most about once a second. */
    public void progress(long done, long total, String unit) {
        signals.progress(done, total, unit);
    }

    /** True once the job was cancelled (or failed elsewhere): a long operation may stop early. */
    public boolean cancelled() {
        return signals.cancelled();
    }

    /** What the runtime does with the attempt's signals. */
    public interface Signals {

        Signals NONE = new Signals() {
            @Override
            public void progress(long done, long total, String unit) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };

        void progress(long done, long total, String unit);

        boolean cancelled();
    }
}
