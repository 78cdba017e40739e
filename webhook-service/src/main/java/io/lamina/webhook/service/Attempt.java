package io.lamina.webhook.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What one delivery attempt ran into. Produced by the HTTP sender, judged by {@link DeliveryService}. */
public record Attempt(Instant startedAt, long latencyMs, Outcome outcome) {

    public sealed interface Outcome {
    }

    /** The endpoint answered; {@code body} is cut to the delivery log's limit. */
    public record Answered(int status, String body, Optional<Duration> retryAfter) implements Outcome {
        public boolean success() {
            return status >= 200 && status < 300;
        }
    }

    /** No answer: connection refused, timeout, DNS failure. Worth another try. */
    public record NoAnswer(String error) implements Outcome {
    }

    /** Never sent because the URL is not allowed (SSRF guard). Not worth another try. */
    public record Refused(String error) implements Outcome {
    }
}
