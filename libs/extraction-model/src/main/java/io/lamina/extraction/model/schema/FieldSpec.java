package io.lamina.extraction.model.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * One field of an extraction schema, with the options of its type (null when not given). {@code defaultValue} is
 * already checked against the type; {@code fields} holds an ARRAY's item fields.
 */
public record FieldSpec(
        String name,
        FieldType type,
        String description,
        boolean required,
        JsonNode defaultValue,
        BigDecimal min,
        BigDecimal max,
        Integer decimalPoints,
        Integer maxLength,
        String unit,
        List<String> values,
        Integer minSelected,
        Integer maxSelected,
        Boolean allowFutureDates,
        Boolean allowPastDates,
        List<String> allowedCountryCodes,
        CalculatedOperation operation,
        List<String> sourceFieldNames,
        List<FieldSpec> fields) {

    public enum CalculatedOperation { SUM, SUBTRACT, MULTIPLY, DIVIDE }

    /** An ENUM that may hold several values (its value is then a list of strings). */
    public boolean multiSelect() {
        return type == FieldType.ENUM && maxSelected != null && maxSelected > 1;
    }

    public String descriptionOrEmpty() {
        return description == null ? "" : description;
    }
}
