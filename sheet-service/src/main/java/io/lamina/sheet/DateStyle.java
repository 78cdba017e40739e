package io.lamina.sheet;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cell's {@code date_style}: the pattern a {@code date} or {@code datetime} value is rewritten to. A small fixed
 * set, because arbitrary patterns would make CSV output depend on the JVM's locale data.
 */
public enum DateStyle {
    ISO("yyyy-MM-dd"),
    DAY_MONTH_YEAR_DOTS("dd.MM.yyyy"),
    DAY_MONTH_YEAR_SLASHES("dd/MM/yyyy"),
    MONTH_DAY_YEAR_SLASHES("MM/dd/yyyy");

    private final String pattern;
    private final DateTimeFormatter formatter;

    DateStyle(String pattern) {
        this.pattern = pattern;
        this.formatter = DateTimeFormatter.ofPattern(pattern.replace('y', 'u'));
    }

    public String pattern() {
        return pattern;
    }

    public DateTimeFormatter formatter() {
        return formatter;
    }

    public static Optional<DateStyle> byPattern(String pattern) {
        return Arrays.stream(values()).filter(s -> s.pattern.equals(pattern)).findFirst();
    }

    public static String patterns() {
        return Arrays.stream(values()).map(DateStyle::pattern).collect(Collectors.joining(", "));
    }
}
