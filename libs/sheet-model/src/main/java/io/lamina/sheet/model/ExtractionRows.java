package io.lamina.sheet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.params.Problems;
import io.lamina.params.StepValues;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A sheet's {@code rows_from}: rows made from extraction outputs, so an extraction step chains into a sheet step
 * without glue code.
 *
 * <pre>
 * "rows_from": {
 *   "extraction": {"$step": "extract"},            // one extraction output, or an array of them (a gathered fan-out)
 *   "fields": ["invoice_number",                   // one entry per column, in column order
 *              "line_items.description",           // ARRAY field . item field: one row per item
 *              {"field": "line_items.amount", "format": "currency", "currency_code": "EUR"},
 *              {"field": "total", "attribute": "confidence"}]
 * }
 * </pre>
 *
 * An extraction output is an object keyed by field name whose values are field results {@code {value, confidence,
 * citations, source, type, page, bounding_box}} (plain values are taken as they are, so any JSON object of
 * fields works too). A field entry names a top-level field, or {@code <array field>.<item field>}; all item fields of
 * one sheet must come from the same ARRAY field. Each output gives one row, or one row per item of that ARRAY field
 * with the top-level fields repeated (an output whose array is empty or null still gives one row, item columns
 * empty). {@code attribute} picks {@code value} (default), {@code confidence}, {@code source}, {@code page} or
 * {@code citations} (joined with {@code "; "}). An entry object may carry the cell keys {@code format},
 * {@code currency_code}, {@code number_style}, {@code date_style} and {@code styles}; without a format, DATE,
 * DATETIME and TIME fields get the matching format, so XLSX holds real dates. ADDRESS values become one line.
 * Extracted text is never a formula: a value starting with {@code =} is written as text.
 */
final class ExtractionRows {

    private static final Pattern FIELD = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)?");
    private static final Set<String> ATTRIBUTES = Set.of("value", "confidence", "source", "page", "citations");
    private static final List<String> CELL_KEYS = List.of("format", "currency_code", "number_style", "date_style",
            "styles");

    private record Mapping(String field, String arrayField, String attribute, ObjectNode cellKeys) {

        boolean inArray() {
            return arrayField != null;
        }
    }

    private ExtractionRows() {
    }

    /**
     * The rows {@code rowsFrom} makes, or {@code null} when they cannot be made yet (the extraction is still a pipeline
     * reference) or the block is malformed (reported under {@code path}). Stops after {@code maxRows + 1} rows, so
     * the row limit can be reported without building more.
     */
    static ArrayNode expand(JsonNode rowsFrom, Integer columnCount, int maxRows, Problems problems, String path) {
        if (StepValues.isReference(rowsFrom)) {
            return null;
        }
        if (!rowsFrom.isObject()) {
            problems.add(path, "must be an object with 'extraction' and 'fields'");
            return null;
        }
        List<Mapping> mappings = mappings(rowsFrom.get("fields"), columnCount, problems, path + ".fields");
        JsonNode source = rowsFrom.get("extraction");
        String sourcePath = path + ".extraction";
        if (source == null || source.isNull()) {
            problems.add(sourcePath, "required: an extraction output (an object keyed by field name), an array of "
                    + "them, or a reference to the step that produced it");
            return null;
        }
        if (mappings == null || StepValues.isReference(source)) {
            return null;
        }
        List<JsonNode> outputs = new ArrayList<>();
        if (source.isArray()) {
            source.forEach(outputs::add);
        } else {
            outputs.add(source);
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        boolean[] found = new boolean[mappings.size()];
        for (int o = 0; o < outputs.size() && rows.size() <= maxRows; o++) {
            JsonNode output = outputs.get(o);
            String outputPath = source.isArray() ? sourcePath + "[" + o + "]" : sourcePath;
            if (StepValues.isReference(output)) {
                return null;
            }
            if (!output.isObject()) {
                problems.add(outputPath, "must be an extraction output: an object keyed by field name");
                continue;
            }
            rowsOf(output, mappings, found, rows, maxRows, problems, outputPath);
        }
        if (!outputs.isEmpty()) {
            for (int m = 0; m < mappings.size(); m++) {
                if (!found[m]) {
                    problems.add(path + ".fields[" + m + "]", "no field '" + mappings.get(m).field()
                            + "' in the extraction output; its fields are: " + fieldNames(outputs));
                }
            }
        }
        return rows;
    }

    private static List<Mapping> mappings(JsonNode fields, Integer columnCount, Problems problems, String path) {
        if (fields == null || !fields.isArray() || fields.isEmpty()) {
            problems.add(path, "required: an array naming, for each column, the field it shows");
            return null;
        }
        if (columnCount != null && fields.size() != columnCount) {
            problems.add(path, fields.size() + " fields for " + columnCount + " columns; give one field per column");
        }
        List<Mapping> mappings = new ArrayList<>(fields.size());
        String arrayField = null;
        boolean ok = true;
        for (int i = 0; i < fields.size(); i++) {
            JsonNode entry = fields.get(i);
            String entryPath = path + "[" + i + "]";
            String field;
            String attribute = "value";
            ObjectNode cellKeys = null;
            if (entry.isTextual()) {
                field = entry.textValue();
            } else if (entry.isObject() && entry.path("field").isTextual()) {
                field = entry.get("field").textValue();
                JsonNode attributeNode = entry.get("attribute");
                if (attributeNode != null && !attributeNode.isNull()) {
                    if (!attributeNode.isTextual() || !ATTRIBUTES.contains(attributeNode.textValue())) {
                        problems.add(entryPath + ".attribute", "must be one of citations, confidence, page, source, "
                                + "value");
                        ok = false;
                    } else {
                        attribute = attributeNode.textValue();
                    }
                }
                cellKeys = JsonNodeFactory.instance.objectNode();
                for (String key : CELL_KEYS) {
                    if (entry.has(key)) {
                        cellKeys.set(key, entry.get(key));
                    }
                }
            } else {
                problems.add(entryPath, "must be a field name such as \"total\" or \"line_items.amount\", or an "
                        + "object {\"field\", \"attribute\"?, \"format\"?, …}");
                ok = false;
                continue;
            }
            if (!FIELD.matcher(field).matches()) {
                problems.add(entryPath, "'" + field + "' is not a field name: use \"<field>\" or "
                        + "\"<array field>.<item field>\"");
                ok = false;
                continue;
            }
            int dot = field.indexOf('.');
            String array = dot < 0 ? null : field.substring(0, dot);
            if (array != null) {
                if (arrayField != null && !arrayField.equals(array)) {
                    problems.add(entryPath, "items of '" + arrayField + "' and of '" + array + "' cannot share rows;"
                            + " a sheet expands one ARRAY field (use another sheet for the other)");
                    ok = false;
                }
                arrayField = array;
            }
            mappings.add(new Mapping(field, array, attribute, cellKeys));
        }
        return ok ? mappings : null;
    }

    private static void rowsOf(JsonNode output, List<Mapping> mappings, boolean[] found, ArrayNode rows, int maxRows,
                               Problems problems, String outputPath) {
        String arrayField = mappings.stream().filter(Mapping::inArray).map(Mapping::arrayField).findFirst()
                .orElse(null);
        List<JsonNode> items = new ArrayList<>();
        if (arrayField != null) {
            JsonNode array = valueOf(output.get(arrayField));
            if (array != null && array.isArray()) {
                array.forEach(items::add);
            } else if (array != null && !array.isNull()) {
                problems.add(outputPath + "." + arrayField, "is not an ARRAY field: its value is not a list of items");
                return;
            }
        }
        if (items.isEmpty()) {
            items.add(null);
        }
        for (JsonNode item : items) {
            if (rows.size() > maxRows) {
                return;
            }
            ArrayNode row = rows.addArray();
            for (int m = 0; m < mappings.size(); m++) {
                Mapping mapping = mappings.get(m);
                JsonNode result;
                if (mapping.inArray()) {
                    String itemField = mapping.field().substring(mapping.arrayField().length() + 1);
                    result = item != null && item.isObject() ? item.get(itemField) : null;
                    found[m] |= item == null ? output.has(mapping.arrayField()) : item.has(itemField);
                } else {
                    result = output.get(mapping.field());
                    found[m] |= result != null;
                }
                row.add(cell(result, mapping));
            }
        }
    }

    /** The field result's value (a plain value stands for itself). */
    private static JsonNode valueOf(JsonNode result) {
        if (result != null && result.isObject() && result.has("value")) {
            return result.get("value");
        }
        return result;
    }

    private static JsonNode cell(JsonNode result, Mapping mapping) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode value;
        String type = result != null && result.isObject() ? result.path("type").asText(null) : null;
        switch (mapping.attribute()) {
            case "value" -> value = valueOf(result);
            case "citations" -> {
                JsonNode citations = result == null ? null : result.get("citations");
                value = citations == null || !citations.isArray() ? null : nodes.textNode(
                        streamOf(citations).stream().map(JsonNode::asText).collect(Collectors.joining("; ")));
            }
            default -> value = result == null || !result.isObject() ? null : result.get(mapping.attribute());
        }
        if (value == null || value.isMissingNode()) {
            value = nodes.nullNode();
        } else if (value.isObject() && "ADDRESS".equals(type) || value.isObject() && looksLikeAddress(value)) {
            value = nodes.textNode(address(value));
        } else if (value.isContainerNode()) {
            value = nodes.textNode(value.toString());
        }
        ObjectNode cell = mapping.cellKeys() == null ? nodes.objectNode() : mapping.cellKeys().deepCopy();
        if (!cell.has("format") && "value".equals(mapping.attribute()) && value.isTextual() && type != null) {
            String format = switch (type) {
                case "DATE" -> "date";
                case "DATETIME" -> "datetime";
                case "TIME" -> "time";
                default -> null;
            };
            if (format != null && Cell.temporal(CellFormat.byWireName(format).orElseThrow(), value.textValue())
                    != null) {
                cell.put("format", format);
            }
        }
        if (value.isTextual() && value.textValue().startsWith("=")) {
            cell.put("format", "text");
        }
        if (cell.isEmpty()) {
            return value;
        }
        cell.set("value", value);
        return cell;
    }

    private static List<JsonNode> streamOf(JsonNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    private static boolean looksLikeAddress(JsonNode value) {
        return value.has("street") || value.has("postal_code") || value.has("city");
    }

    /** {@code street, postal_code city, region, country} without the parts that are missing. */
    private static String address(JsonNode value) {
        List<String> parts = new ArrayList<>();
        add(parts, text(value, "street"));
        add(parts, (text(value, "postal_code") + " " + text(value, "city")).strip());
        add(parts, text(value, "region"));
        add(parts, text(value, "country"));
        return String.join(", ", parts);
    }

    private static String text(JsonNode value, String field) {
        JsonNode part = value.get(field);
        return part == null || part.isNull() ? "" : part.asText("");
    }

    private static void add(List<String> parts, String part) {
        if (!part.isBlank()) {
            parts.add(part.strip());
        }
    }

    private static String fieldNames(List<JsonNode> outputs) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode output : outputs) {
            if (output.isObject()) {
                output.fieldNames().forEachRemaining(name -> {
                    JsonNode items = valueOf(output.get(name));
                    if (items != null && items.isArray() && !items.isEmpty() && items.get(0).isObject()) {
                        items.get(0).fieldNames().forEachRemaining(item -> names.add(name + "." + item));
                    } else {
                        names.add(name);
                    }
                });
            }
            if (names.size() > 50) {
                break;
            }
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
