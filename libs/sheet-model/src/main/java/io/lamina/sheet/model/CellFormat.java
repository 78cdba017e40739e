package io.lamina.sheet.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A cell's {@code format}: how its value is displayed. */
public enum CellFormat {
    TEXT, NUMBER, DECIMAL, CURRENCY, PERCENTAGE, DATE, DATETIME, TIME, CUSTOM;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public boolean isNumeric() {
        return this == NUMBER || this == DECIMAL || this == CURRENCY || this == PERCENTAGE;
    }

    public boolean isTemporal() {
        return this == DATE || this == DATETIME || this == TIME;
    }

    /** Looked up once per cell of a large request: a map, not a scan of the values. */
    private static final Map<String, CellFormat> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(CellFormat::wireName, f -> f));

    public static Optional<CellFormat> byWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(CellFormat::wireName).collect(Collectors.joining(", "));
    }
}
