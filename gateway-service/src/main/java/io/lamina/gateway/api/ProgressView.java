package io.lamina.gateway.api;

/** How far a step is: {@code done} of {@code total} {@code unit}s where the operation reports it, and a percentage. */
public record ProgressView(Long done, Long total, String unit, int percent) {
}
