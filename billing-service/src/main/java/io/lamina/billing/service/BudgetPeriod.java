package io.lamina.billing.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/** The periods a key budget counts over, in UTC: a calendar day or a calendar month. */
public enum BudgetPeriod {
    DAY("day"),
    MONTH("month");

    private final String id;

    BudgetPeriod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<BudgetPeriod> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    /** The start of the period that contains {@code time}. */
    public Instant start(Instant time) {
        LocalDate day = time.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate first = this == DAY ? day : day.withDayOfMonth(1);
        return first.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The start of the next period: the end (exclusive) of the one containing {@code time}. */
    public Instant end(Instant time) {
        LocalDate start = start(time).atOffset(ZoneOffset.UTC).toLocalDate();
        return (this == DAY ? start.plusDays(1) : start.plusMonths(1)).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
