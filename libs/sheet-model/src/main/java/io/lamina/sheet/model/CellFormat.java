package io.lamina.sheet.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A cell's {@code format}: how its value is displayed. */
public enum CellFormat {
    TEXT, NUMBER, DECIMAL, CURRENCY, PERCENTAGE, DATE, DATETIME, TIME, CUSTOM;

    public String wireName() {
        return name().toLowerCase();
    }

    public boolean isNumeric() {
        return this == NUMBER || this == DECIMAL || this == CURRENCY || this == PERCENTAGE;
    }

    public boolean isTemporal() {
        return this == DATE || this == DATETIME || this == TIME;
    }

    public static Optional<CellFormat> byWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(CellFormat::wireName).collect(Collectors.joining(", "));
    }
}
