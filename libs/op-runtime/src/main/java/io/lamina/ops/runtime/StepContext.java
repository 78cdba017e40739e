package io.lamina.ops.runtime;

import io.lamina.blobs.BlobStore;

/** Who the step runs for, and the blob store to read inputs from and write outputs to. */
public record StepContext(String tenantId, String jobId, String stepId, int attempt, BlobStore blobs) {
}
