package io.lamina.gateway.service;

import io.lamina.gateway.api.JobView;

/**
 * The outcome of {@code POST /v1/jobs}: a new job, or the stored first answer for a repeated Idempotency-Key
 * ({@code replayedBody} is then the JSON of that answer and {@code job} is null).
 */
public record Submission(String jobId, JobView job, String replayedBody) {

    public boolean replayed() {
        return replayedBody != null;
    }
}
