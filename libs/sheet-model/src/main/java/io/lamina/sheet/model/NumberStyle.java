package io.lamina.sheet.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cell's {@code number_style}: the thousands separator, then the decimal separator. {@code comma_period}
 * (1,234.50) is the default; {@code period_comma} gives 1.234,50, {@code space_comma} 1 234,50 and
 * {@code space_period} 1 234.50 (with a plain space, which survives every CSV reader).
 */
public enum NumberStyle {
    COMMA_PERIOD(',', '.'),
    PERIOD_COMMA('.', ','),
    SPACE_COMMA(' ', ','),
    SPACE_PERIOD(' ', '.');

    private final char grouping;
    private final char decimal;
    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    NumberStyle(char grouping, char decimal) {
        this.grouping = grouping;
        this.decimal = decimal;
    }

    public char grouping() {
        return grouping;
    }

    public char decimal() {
        return decimal;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<NumberStyle> byWireName(String name) {
        for (NumberStyle style : values()) {
            if (style.wireName().equals(name)) {
                return Optional.of(style);
            }
        }
        return Optional.empty();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(NumberStyle::wireName).collect(Collectors.joining(", "));
    }
}
