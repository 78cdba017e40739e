package io.lamina.extraction.model.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.schema.FieldSpec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** One field's result: typed value (null when not found), confidence 0–1, verbatim citations and where they are. */
public record FieldResult(FieldSpec field, JsonNode value, double confidence, List<String> citations, String source,
                          Integer page, Box box) {

    public static FieldResult missing(FieldSpec field) {
        JsonNode value = field.defaultValue() == null ? JsonNodeFactory.instance.nullNode() : defaultOf(field);
        return new FieldResult(field, value, 0.0, List.of(), null, null, null);
    }

    private static JsonNode defaultOf(FieldSpec field) {
        JsonNode d = field.defaultValue();
        if (field.type() == io.lamina.extraction.model.schema.FieldType.ENUM && !field.multiSelect() && d.isArray()) {
            return d.isEmpty() ? JsonNodeFactory.instance.nullNode() : d.get(0);
        }
        return d;
    }

    public boolean found() {
        return value != null && !value.isNull() && confidence > 0;
    }

    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        node.set("value", value == null ? f.nullNode() : value);
        node.put("confidence", BigDecimal.valueOf(Math.max(0, Math.min(1, confidence))).setScale(3, RoundingMode.HALF_UP).doubleValue());
        ArrayNode quotes = node.putArray("citations");
        citations.forEach(quotes::add);
        if (source == null) {
            node.putNull("source");
        } else {
            node.put("source", source);
        }
        node.put("type", field.type().name());
        if (page == null) {
            node.putNull("page");
        } else {
            node.put("page", page);
        }
        if (box == null) {
            node.putNull("bounding_box");
        } else {
            ObjectNode b = node.putObject("bounding_box");
            b.put("x", round(box.x()));
            b.put("y", round(box.y()));
            b.put("width", round(box.width()));
            b.put("height", round(box.height()));
        }
        return node;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
