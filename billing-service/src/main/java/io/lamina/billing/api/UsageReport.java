package io.lamina.billing.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.billing.service.Usage;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Usage from {@code from} to {@code to} (UTC days, both included): per day and operation, and per operation. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageReport(String tenantId, LocalDate from, LocalDate to, List<Usage.Day> days,
                          List<Total> operations, long totalCredits) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Total(String operation, long steps, long units, long credits) {
    }

    public static UsageReport of(String tenantId, LocalDate from, LocalDate to, List<Usage.Day> days) {
        Map<String, Total> totals = new TreeMap<>();
        for (Usage.Day d : days) {
            totals.merge(d.operation(), new Total(d.operation(), d.steps(), d.units(), d.credits()),
                    (a, b) -> new Total(a.operation(), a.steps() + b.steps(), a.units() + b.units(),
                            a.credits() + b.credits()));
        }
        long credits = days.stream().mapToLong(Usage.Day::credits).sum();
        return new UsageReport(tenantId, from, to, days, List.copyOf(totals.values()), credits);
    }
}
