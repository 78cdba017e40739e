package io.lamina.ops.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation an operation service implements, as a CDI bean. The runtime finds it by {@link #id()}; a step whose
 * operation has no bean in the service fails with {@code operation_not_supported}.
 */
public interface Operation {

    /** The operation id, e.g. {@code sheet_generation} (see {@code io.lamina.contracts.Operation}). */
    String id();

    /**
     * Runs one attempt. {@code params} is the step's request body with file inputs as {@code BlobRef}s. Bad input is
     * an {@link Outcome.Failed} (or an {@link OperationException}), never a crash.
     */
    Outcome run(JsonNode params, StepContext context) throws Exception;
}
