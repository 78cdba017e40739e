package io.lamina.gateway.api;

import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it. {@code output} of a step is Iteration Layer's {@code data}; files are references.
 * {@code progressPercent}: 0–100 over the job's steps (a fan-out step counts its finished items).
 */
public record JobView(String id, String status, int progressPercent, Instant createdAt, Instant finishedAt,
                      String webhookUrl, ErrorView error, List<StepView> steps) {
}
