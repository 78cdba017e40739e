package io.lamina.extraction.model.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lamina.extraction.model.schema.FieldSpec;
import io.lamina.extraction.model.schema.FieldType;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CALCULATED fields: sum, subtract (first minus the rest), multiply, divide (first divided by the rest, 10 significant
 * digits) over the named fields' values, in order; {@code items.amount} names an ARRAY's item field (every item's
 * value, for sum). A missing or null operand, or a division by zero, leaves the value null. The confidence is the
 * lowest of the operands'; there are no citations of its own.
 */
final class Calculations {

    private Calculations() {
    }

    /** Fills in every CALCULATED field of {@code fields}, in dependency order (the schema reader rejected cycles). */
    static void apply(List<FieldSpec> fields, Map<String, FieldResult> results) {
        for (FieldSpec f : fields) {
            compute(f, fields, results, 0);
        }
    }

    private static FieldResult compute(FieldSpec f, List<FieldSpec> fields, Map<String, FieldResult> results, int depth) {
        if (f.type() != FieldType.CALCULATED || results.containsKey(f.name()) || depth > fields.size()) {
            return results.get(f.name());
        }
        List<BigDecimal> operands = new ArrayList<>();
        double confidence = 1.0;
        boolean complete = true;
        for (String source : f.sourceFieldNames()) {
            int dot = source.indexOf('.');
            if (dot > 0) {
                FieldResult array = results.get(source.substring(0, dot));
                if (array == null || !array.value().isArray() || array.value().isEmpty()) {
                    complete = false;
                    continue;
                }
                for (JsonNode item : array.value()) {
                    JsonNode cell = item.path(source.substring(dot + 1));
                    if (!cell.path("value").isNumber()) {
                        complete = false;
                        continue;
                    }
                    operands.add(cell.get("value").decimalValue());
                    confidence = Math.min(confidence, cell.path("confidence").asDouble(0));
                }
                continue;
            }
            FieldSpec spec = fields.stream().filter(x -> x.name().equals(source)).findFirst().orElse(null);
            FieldResult r = spec == null ? null : compute(spec, fields, results, depth + 1);
            if (r == null || !r.value().isNumber() || r.confidence() <= 0) {
                complete = false;
                continue;
            }
            operands.add(r.value().decimalValue());
            confidence = Math.min(confidence, r.confidence());
        }
        FieldResult result;
        BigDecimal value = complete && !operands.isEmpty() ? calculate(f.operation(), operands) : null;
        if (value == null) {
            result = FieldResult.missing(f);
        } else {
            result = new FieldResult(f, JsonNodeFactory.instance.numberNode(value.stripTrailingZeros().scale() < 0
                    ? value.setScale(0) : value.stripTrailingZeros()), confidence, List.of(), null, null, null);
        }
        results.put(f.name(), result);
        return result;
    }

    private static BigDecimal calculate(FieldSpec.CalculatedOperation op, List<BigDecimal> xs) {
        BigDecimal acc = xs.get(0);
        for (BigDecimal x : xs.subList(1, xs.size())) {
            switch (op) {
                case SUM -> acc = acc.add(x);
                case SUBTRACT -> acc = acc.subtract(x);
                case MULTIPLY -> acc = acc.multiply(x);
                case DIVIDE -> {
                    if (x.signum() == 0) {
                        return null;
                    }
                    acc = acc.divide(x, MathContext.DECIMAL64).round(new MathContext(10));
                }
            }
        }
        return acc;
    }
}
