package io.lamina.extraction.model.schema;

import java.util.Optional;

/** Iteration Layer's 17 field types. */
public enum FieldType {
    TEXT, TEXTAREA, INTEGER, DECIMAL, DATE, DATETIME, TIME, ENUM, BOOLEAN, EMAIL, IBAN, COUNTRY, CURRENCY_CODE,
    CURRENCY_AMOUNT, ADDRESS, ARRAY, CALCULATED;

    public static Optional<FieldType> of(String name) {
        for (FieldType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whose value is a number a CALCULATED field can use. */
    public boolean numeric() {
        return this == INTEGER || this == DECIMAL || this == CURRENCY_AMOUNT || this == CALCULATED;
    }
}
