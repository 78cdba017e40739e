package io.lamina.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Billable work done by a step: {@code units} of {@code unit} ({@code page} for extraction, {@code call} otherwise). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Usage(long units, String unit) {

    public static Usage calls(long n) {
        return new Usage(n, "call");
    }

    public static Usage pages(long n) {
        return new Usage(n, "page");
    }
}
