package io.lamina.extraction.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.extraction.model.parse.Countries;
import io.lamina.extraction.model.parse.Currencies;
import io.lamina.extraction.model.parse.Dates;
import io.lamina.extraction.model.parse.Emails;
import io.lamina.extraction.model.parse.Iban;
import io.lamina.extraction.model.schema.FieldSpec.CalculatedOperation;
import io.lamina.params.Problems;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an extraction schema ({@code {"fields": [FieldConfig, …]}}) into {@link ExtractionSchema}, reporting every
 * problem with its path: unknown or misspelt keys, options of the wrong kind or out of range, a {@code default_value}
 * that is not a valid value of the field's type, duplicate names, CALCULATED fields naming unknown or non-numeric
 * fields, and cycles among CALCULATED fields.
 */
public final class SchemaReader {

    public static final int MAX_FIELDS = 100;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;

    private static final Set<String> COMMON = Set.of("name", "type", "description", "is_required", "default_value");
    private static final Map<FieldType, Set<String>> OPTIONS = new HashMap<>();

    static {
        OPTIONS.put(FieldType.TEXT, Set.of("max_length"));
        OPTIONS.put(FieldType.TEXTAREA, Set.of("max_length"));
        OPTIONS.put(FieldType.INTEGER, Set.of("min", "max", "unit"));
        OPTIONS.put(FieldType.DECIMAL, Set.of("min", "max", "decimal_points", "unit"));
        OPTIONS.put(FieldType.CURRENCY_AMOUNT, Set.of("min", "max", "decimal_points"));
        OPTIONS.put(FieldType.DATE, Set.of("allow_future_dates", "allow_past_dates"));
        OPTIONS.put(FieldType.DATETIME, Set.of("allow_future_dates", "allow_past_dates"));
        OPTIONS.put(FieldType.TIME, Set.of());
        OPTIONS.put(FieldType.ENUM, Set.of("values", "min_selected", "max_selected"));
        OPTIONS.put(FieldType.BOOLEAN, Set.of());
        OPTIONS.put(FieldType.EMAIL, Set.of());
        OPTIONS.put(FieldType.IBAN, Set.of());
        OPTIONS.put(FieldType.COUNTRY, Set.of());
        OPTIONS.put(FieldType.CURRENCY_CODE, Set.of());
        OPTIONS.put(FieldType.ADDRESS, Set.of("allowed_country_codes"));
        OPTIONS.put(FieldType.ARRAY, Set.of("fields"));
        OPTIONS.put(FieldType.CALCULATED, Set.of("operation", "source_field_names", "unit"));
    }

    private final Problems problems;
    /** Each field's index in its request array (invalid fields are left out of the lists). */
    private final Map<FieldSpec, Integer> positions = new java.util.IdentityHashMap<>();

    private SchemaReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads {@code node} (found at {@code path}); problems go to {@code problems}, the result holds the valid fields. */
    public static ExtractionSchema read(JsonNode node, String path, Problems problems) {
        SchemaReader reader = new SchemaReader(problems);
        if (node == null || !node.isObject()) {
            problems.add(path, "required: an object {\"fields\": [ … ]}");
            return new ExtractionSchema(List.of());
        }
        reader.unknownKeys(node, path, Set.of("fields"));
        String fieldsPath = Problems.field(path, "fields");
        List<FieldSpec> fields = reader.fields(node.get("fields"), fieldsPath, true);
        reader.checkCalculated(fields, fields, fieldsPath, null);
        reader.checkCycles(fields, fieldsPath);
        return new ExtractionSchema(fields);
    }

    private List<FieldSpec> fields(JsonNode array, String path, boolean top) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            problems.add(path, "required: a non-empty array of field configurations");
            return List.of();
        }
        if (array.size() > MAX_FIELDS) {
            problems.add(path, array.size() + " fields, at most " + MAX_FIELDS + " are allowed");
            return List.of();
        }
        List<FieldSpec> fields = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String at = Problems.index(path, i);
            FieldSpec field = field(array.get(i), at, top);
            if (field == null) {
                continue;
            }
            Integer before = seen.putIfAbsent(field.name(), i);
            if (before != null) {
                problems.add(Problems.field(at, "name"), "duplicate field name '" + field.name() + "' (also at index "
                        + before + ")");
                continue;
            }
            fields.add(field);
            positions.put(field, i);
        }
        return fields;
    }

    private FieldSpec field(JsonNode node, String path, boolean top) {
        if (node == null || !node.isObject()) {
            problems.add(path, "must be a field configuration object");
            return null;
        }
        String name = null;
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isBlank()) {
            problems.add(Problems.field(path, "name"), "required: a non-empty string");
        } else if (nameNode.textValue().length() > MAX_NAME_LENGTH) {
            problems.add(Problems.field(path, "name"), "at most " + MAX_NAME_LENGTH + " characters");
        } else if (nameNode.textValue().contains(".")) {
            problems.add(Problems.field(path, "name"), "must not contain '.' (it separates an ARRAY field from its item field in source_field_names)");
        } else {
            name = nameNode.textValue();
        }
        JsonNode typeNode = node.get("type");
        FieldType type = typeNode != null && typeNode.isTextual() ? FieldType.of(typeNode.textValue()).orElse(null) : null;
        if (type == null) {
            problems.add(Problems.field(path, "type"), "required: one of " + java.util.Arrays.toString(FieldType.values()));
            return null;
        }
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.addAll(OPTIONS.get(type));
        unknownKeys(node, path, allowed);
        String description = null;
        JsonNode d = node.get("description");
        if (d == null || !d.isTextual()) {
            problems.add(Problems.field(path, "description"), "required: a string saying what the field holds");
        } else if (d.textValue().length() > MAX_DESCRIPTION_LENGTH) {
            problems.add(Problems.field(path, "description"), "at most " + MAX_DESCRIPTION_LENGTH + " characters");
        } else {
            description = d.textValue();
        }
        boolean required = bool(node, "is_required", path) == Boolean.TRUE;
        BigDecimal min = number(node, "min", path);
        BigDecimal max = number(node, "max", path);
        if (min != null && max != null && min.compareTo(max) > 0) {
            problems.add(Problems.field(path, "min"), "must not be greater than max");
        }
        if (type == FieldType.INTEGER) {
            for (String key : List.of("min", "max")) {
                BigDecimal v = key.equals("min") ? min : max;
                if (v != null && v.stripTrailingZeros().scale() > 0) {
                    problems.add(Problems.field(path, key), "must be a whole number for an INTEGER field");
                }
            }
        }
        Integer decimalPoints = integer(node, "decimal_points", path, 0, 10);
        Integer maxLength = integer(node, "max_length", path, 1, 100_000);
        String unit = string(node, "unit", path);
        List<String> values = null;
        Integer minSelected = null;
        Integer maxSelected = null;
        if (type == FieldType.ENUM) {
            values = strings(node.get("values"), Problems.field(path, "values"), true);
            minSelected = integer(node, "min_selected", path, 0, 1000);
            maxSelected = integer(node, "max_selected", path, 1, 1000);
            if (minSelected != null && maxSelected != null && minSelected > maxSelected) {
                problems.add(Problems.field(path, "min_selected"), "must not be greater than max_selected");
            }
            if (values != null && minSelected != null && minSelected > values.size()) {
                problems.add(Problems.field(path, "min_selected"), "more than the " + values.size() + " values");
            }
        }
        Boolean future = bool(node, "allow_future_dates", path);
        Boolean past = bool(node, "allow_past_dates", path);
        if (future == Boolean.FALSE && past == Boolean.FALSE) {
            problems.add(path, "allow_future_dates and allow_past_dates are both false: only today would be accepted");
        }
        List<String> countries = null;
        if (node.has("allowed_country_codes")) {
            String at = Problems.field(path, "allowed_country_codes");
            countries = strings(node.get("allowed_country_codes"), at, true);
            if (countries != null) {
                for (int i = 0; i < countries.size(); i++) {
                    if (!Countries.isCode(countries.get(i))) {
                        problems.add(Problems.index(at, i), "'" + countries.get(i) + "' is not an ISO 3166-1 alpha-2 code");
                    }
                }
            }
        }
        CalculatedOperation operation = null;
        List<String> sources = null;
        if (type == FieldType.CALCULATED) {
            JsonNode op = node.get("operation");
            String opPath = Problems.field(path, "operation");
            if (op == null || !op.isTextual()) {
                problems.add(opPath, "required: one of sum, subtract, multiply, divide");
            } else {
                try {
                    operation = CalculatedOperation.valueOf(op.textValue().toUpperCase(Locale.ROOT));
                    if (!op.textValue().equals(op.textValue().toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    operation = null;
                    problems.add(opPath, "'" + op.textValue() + "' is not one of sum, subtract, multiply, divide");
                }
            }
            sources = strings(node.get("source_field_names"), Problems.field(path, "source_field_names"), false);
        }
        List<FieldSpec> nested = null;
        if (type == FieldType.ARRAY) {
            if (!top) {
                problems.add(Problems.field(path, "type"), "an ARRAY inside an ARRAY is not supported");
            } else {
                nested = fields(node.get("fields"), Problems.field(path, "fields"), false);
                checkCalculated(nested, nested, Problems.field(path, "fields"), name);
                checkCycles(nested, Problems.field(path, "fields"));
            }
        }
        JsonNode defaultValue = node.get("default_value");
        if (defaultValue != null && !defaultValue.isNull()) {
            String problem = defaultProblem(type, defaultValue, min, max, maxLength, values, maxSelected);
            if (problem != null) {
                problems.add(Problems.field(path, "default_value"), problem);
                defaultValue = null;
            }
        } else {
            defaultValue = null;
        }
        if (name == null) {
            return null;
        }
        return new FieldSpec(name, type, description, required, defaultValue, min, max, decimalPoints, maxLength, unit,
                values, minSelected, maxSelected, future, past, countries, operation, sources, nested);
    }

    private static String defaultProblem(FieldType type, JsonNode v, BigDecimal min, BigDecimal max, Integer maxLength,
                                         List<String> values, Integer maxSelected) {
        String kind = type.name();
        switch (type) {
            case TEXT, TEXTAREA -> {
                if (!v.isTextual()) {
                    return "must be a string for a " + kind + " field";
                }
                if (maxLength != null && v.textValue().length() > maxLength) {
                    return "longer than max_length " + maxLength;
                }
            }
            case INTEGER, DECIMAL, CURRENCY_AMOUNT -> {
                if (!v.isNumber()) {
                    return "must be a number for a " + kind + " field";
                }
                if (type == FieldType.INTEGER && !v.isIntegralNumber() && v.decimalValue().stripTrailingZeros().scale() > 0) {
                    return "must be a whole number for an INTEGER field";
                }
                if (min != null && v.decimalValue().compareTo(min) < 0 || max != null && v.decimalValue().compareTo(max) > 0) {
                    return "outside min/max";
                }
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    return "must be true or false for a BOOLEAN field";
                }
            }
            case EMAIL -> {
                if (!v.isTextual() || !Emails.isValid(v.textValue())) {
                    return "must be a valid e-mail address";
                }
            }
            case IBAN -> {
                if (!v.isTextual() || !Iban.isValid(v.textValue())) {
                    return "must be a valid IBAN (country length and mod-97 checksum)";
                }
            }
            case COUNTRY -> {
                if (!v.isTextual() || !Countries.isCode(v.textValue())) {
                    return "must be an ISO 3166-1 alpha-2 code such as \"DE\"";
                }
            }
            case CURRENCY_CODE -> {
                if (!v.isTextual() || !Currencies.isCode(v.textValue())) {
                    return "must be an ISO 4217 code such as \"EUR\"";
                }
            }
            case DATE -> {
                if (!v.isTextual() || !Dates.isIsoDate(v.textValue())) {
                    return "must be a date \"YYYY-MM-DD\"";
                }
            }
            case DATETIME -> {
                if (!v.isTextual() || !Dates.isIsoDateTime(v.textValue())) {
                    return "must be an ISO-8601 date-time";
                }
            }
            case TIME -> {
                if (!v.isTextual() || !Dates.isIsoTime(v.textValue())) {
                    return "must be a time \"HH:MM\" or \"HH:MM:SS\"";
                }
            }
            case ENUM -> {
                List<JsonNode> chosen = new ArrayList<>();
                if (v.isTextual()) {
                    chosen.add(v);
                } else if (v.isArray()) {
                    v.forEach(chosen::add);
                } else {
                    return "must be an array of the field's values";
                }
                if (maxSelected != null && chosen.size() > maxSelected) {
                    return "more than max_selected " + maxSelected + " values";
                }
                for (JsonNode c : chosen) {
                    if (!c.isTextual() || values != null && !values.contains(c.textValue())) {
                        return c + " is not one of the field's values";
                    }
                }
            }
            case ADDRESS -> {
                if (!v.isObject()) {
                    return "must be an object {street, city, postal_code, region, country}";
                }
                for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (!Set.of("street", "city", "postal_code", "region", "country").contains(key)) {
                        return "unknown address part '" + key + "'";
                    }
                    if (!v.get(key).isTextual() && !v.get(key).isNull()) {
                        return key + " must be a string";
                    }
                }
            }
            case ARRAY, CALCULATED -> {
                return kind + " fields take no default_value";
            }
            default -> throw new IllegalStateException(kind);
        }
        return null;
    }

    /** Source names must exist, be numeric and not be the field itself; {@code array.field} reaches into an ARRAY. */
    private void checkCalculated(List<FieldSpec> fields, List<FieldSpec> scope, String path, String arrayName) {
        Map<String, FieldSpec> byName = new LinkedHashMap<>();
        scope.forEach(f -> byName.put(f.name(), f));
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            if (f.type() != FieldType.CALCULATED || f.sourceFieldNames() == null) {
                continue;
            }
            String at = Problems.field(Problems.index(path, indexOf(fields, f)), "source_field_names");
            List<String> sources = f.sourceFieldNames();
            if (f.operation() != null && f.operation() != CalculatedOperation.SUM && sources.size() < 2) {
                problems.add(at, f.operation().name().toLowerCase(Locale.ROOT) + " needs at least two fields");
            }
            for (int s = 0; s < sources.size(); s++) {
                String source = sources.get(s);
                String sourcePath = Problems.index(at, s);
                FieldSpec target;
                int dot = source.indexOf('.');
                if (dot > 0 && arrayName == null) {
                    FieldSpec array = byName.get(source.substring(0, dot));
                    if (array == null || array.type() != FieldType.ARRAY || array.fields() == null) {
                        problems.add(sourcePath, "unknown field reference '" + source + "': '" + source.substring(0, dot)
                                + "' is not an ARRAY field of this schema");
                        continue;
                    }
                    if (f.operation() != CalculatedOperation.SUM) {
                        problems.add(sourcePath, "'" + source + "' has one value per item: only sum can use it");
                    }
                    String item = source.substring(dot + 1);
                    target = array.fields().stream().filter(x -> x.name().equals(item)).findFirst().orElse(null);
                } else {
                    target = byName.get(source);
                }
                if (target == null) {
                    problems.add(sourcePath, "unknown field reference '" + source + "'"
                            + (arrayName != null ? " (fields of ARRAY '" + arrayName + "' may only use its item fields)" : ""));
                } else if (target == f) {
                    problems.add(sourcePath, "a CALCULATED field cannot use itself");
                } else if (!target.type().numeric()) {
                    problems.add(sourcePath, "'" + source + "' is a " + target.type()
                            + " field; only INTEGER, DECIMAL, CURRENCY_AMOUNT and CALCULATED fields are numbers");
                }
            }
        }
    }

    private int indexOf(List<FieldSpec> fields, FieldSpec f) {
        return positions.getOrDefault(f, fields.indexOf(f));
    }

    private void checkCycles(List<FieldSpec> fields, String path) {
        Map<String, FieldSpec> calculated = new LinkedHashMap<>();
        for (FieldSpec f : fields) {
            if (f.type() == FieldType.CALCULATED && f.sourceFieldNames() != null) {
                calculated.put(f.name(), f);
            }
        }
        Set<String> done = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (String start : calculated.keySet()) {
            List<String> stack = new ArrayList<>();
            cycle(start, calculated, stack, done, reported, fields, path);
        }
    }

    private void cycle(String name, Map<String, FieldSpec> calculated, List<String> stack, Set<String> done,
                       Set<String> reported, List<FieldSpec> fields, String path) {
        int at = stack.indexOf(name);
        if (at >= 0) {
            List<String> loop = new ArrayList<>(stack.subList(at, stack.size()));
            loop.add(name);
            if (reported.add(String.join(",", new java.util.TreeSet<>(loop)))) {
                FieldSpec f = calculated.get(name);
                problems.add(Problems.field(Problems.index(path, indexOf(fields, f)), "source_field_names"),
                        "cycle among CALCULATED fields: " + String.join(" → ", loop));
            }
            return;
        }
        if (done.contains(name) || !calculated.containsKey(name)) {
            return;
        }
        stack.add(name);
        for (String source : calculated.get(name).sourceFieldNames()) {
            cycle(source, calculated, stack, done, reported, fields, path);
        }
        stack.remove(stack.size() - 1);
        done.add(name);
    }

    private void unknownKeys(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(Problems.field(path, key), "unknown property (allowed here: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private Boolean bool(JsonNode node, String key, String path) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            problems.add(Problems.field(path, key), "must be true or false");
            return null;
        }
        return v.booleanValue();
    }

    private BigDecimal number(JsonNode node, String key, String path) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            problems.add(Problems.field(path, key), "must be a number");
            return null;
        }
        return v.decimalValue();
    }

    private Integer integer(JsonNode node, String key, String path, int min, int max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            problems.add(Problems.field(path, key), "must be a whole number from " + min + " to " + max);
            return null;
        }
        return v.intValue();
    }

    private String string(JsonNode node, String key, String path) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(Problems.field(path, key), "must be a string");
            return null;
        }
        return v.textValue();
    }

    /** A non-empty array of non-empty strings; {@code unique}: duplicates are problems. */
    private List<String> strings(JsonNode v, String path, boolean unique) {
        if (v == null || !v.isArray() || v.isEmpty()) {
            problems.add(path, "required: a non-empty array of strings");
            return null;
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode s = v.get(i);
            if (!s.isTextual() || s.textValue().isBlank()) {
                problems.add(Problems.index(path, i), "must be a non-empty string");
            } else if (!seen.add(s.textValue()) && unique) {
                problems.add(Problems.index(path, i), "duplicate '" + s.textValue() + "'");
            } else {
                out.add(s.textValue());
            }
        }
        return out;
    }
}
