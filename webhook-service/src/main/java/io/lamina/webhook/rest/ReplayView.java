package io.lamina.webhook.rest;

/** {@code {"replayed": n}}: how many deliveries were put back on the schedule. */
public record ReplayView(int replayed) {
}
