package io.lamina.extraction.model.schema;

import java.util.List;
import java.util.Optional;

/** The fields to extract, in request order (ARRAY fields carry their item fields). */
public record ExtractionSchema(List<FieldSpec> fields) {

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
