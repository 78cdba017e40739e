package io.lamina.gateway.api;

import java.time.Instant;
import java.util.List;

/** A job as the API shows it. {@code output} of a step is Iteration Layer's {@code data}; files are references. */
public record JobView(String id, String status, Instant createdAt, Instant finishedAt, String webhookUrl,
                      ErrorView error, List<StepView> steps) {
}
