package io.lamina.image.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.params.Problems;
import io.lamina.params.StepValues;

import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Field checks over one JSON object, each reporting to {@link Problems} under the object's path. Every scalar may
 * still be a pipeline reference at submit time; a reference is accepted and checked again once resolved.
 */
final class Fields {

    private static final Pattern HEX = Pattern.compile("#?[0-9A-Fa-f]{6}");

    private final JsonNode object;
    private final String path;
    private final Problems problems;

    Fields(JsonNode object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    String path(String name) {
        return Problems.field(path, name);
    }

    JsonNode get(String name) {
        return object.get(name);
    }

    boolean has(String name) {
        JsonNode value = object.get(name);
        return value != null && !value.isNull();
    }

    static boolean isReference(JsonNode value) {
        return StepValues.isReference(value);
    }

    /** Reports every field that is not in {@code known} (a misspelt field would otherwise be silently ignored). */
    void onlyKnown(Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(path(name), "unknown field; allowed here: " + String.join(", ", known.stream().sorted()
                        .toList()));
            }
        }
    }

    private boolean present(String name, boolean required) {
        if (!has(name)) {
            if (required) {
                problems.add(path(name), "is required");
            }
            return false;
        }
        return !isReference(get(name));
    }

    /** A number in [min, max]; {@code integer} demands a whole number. */
    void number(String name, boolean required, double min, double max, boolean integer) {
        if (!present(name, required)) {
            return;
        }
        JsonNode value = get(name);
        if (!value.isNumber()) {
            problems.add(path(name), "must be a number");
            return;
        }
        double d = value.asDouble();
        if (integer && (value.isFloatingPointNumber() && d != Math.rint(d))) {
            problems.add(path(name), "must be a whole number");
            return;
        }
        if (d < min || d > max || Double.isNaN(d)) {
            problems.add(path(name), "must be between " + show(min) + " and " + show(max) + " (got " + show(d) + ")");
        }
    }

    /** A number strictly above {@code exclusiveMin} and at most {@code max}. */
    void positive(String name, boolean required, double exclusiveMin, double max) {
        if (!present(name, required)) {
            return;
        }
        JsonNode value = get(name);
        if (!value.isNumber()) {
            problems.add(path(name), "must be a number");
            return;
        }
        double d = value.asDouble();
        if (!(d > exclusiveMin) || d > max) {
            problems.add(path(name), "must be greater than " + show(exclusiveMin) + " and at most " + show(max)
                    + " (got " + show(d) + ")");
        }
    }

    void integer(String name, boolean required, long min, long max) {
        number(name, required, min, max, true);
    }

    void bool(String name, boolean required) {
        if (present(name, required) && !get(name).isBoolean()) {
            problems.add(path(name), "must be true or false");
        }
    }

    void hexColor(String name, boolean required) {
        if (present(name, required) && (!get(name).isTextual() || !HEX.matcher(get(name).asText()).matches())) {
            problems.add(path(name), "must be a 6-digit hex colour such as '#FF0000'");
        }
    }

    void oneOf(String name, boolean required, Set<String> allowed) {
        if (!present(name, required)) {
            return;
        }
        JsonNode value = get(name);
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            problems.add(path(name), "must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + (value.isTextual() ? " (got '" + value.asText() + "')" : ""));
        }
    }

    /** A non-empty string of at most {@code maxLength} characters. */
    void text(String name, boolean required, int maxLength) {
        if (!present(name, required)) {
            return;
        }
        JsonNode value = get(name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            problems.add(path(name), "must be a non-empty string");
        } else if (value.asText().length() > maxLength) {
            problems.add(path(name), "must be at most " + maxLength + " characters (got " + value.asText().length()
                    + ")");
        }
    }

    /** A file input (base64, url, uploaded file or blob) or a reference to an earlier step's file. */
    void file(String name, boolean required) {
        if (present(name, required) && !StepValues.isFileInput(get(name))) {
            problems.add(path(name), "must be a file input: {\"type\":\"base64\",\"name\",\"base64\"}, "
                    + "{\"type\":\"url\",\"url\"} or {\"type\":\"file\",\"file_id\"}");
        }
    }

    /** An object, checked by {@code then}; false when absent, a reference or not an object. */
    boolean object(String name, boolean required) {
        if (!present(name, required)) {
            return false;
        }
        if (!get(name).isObject()) {
            problems.add(path(name), "must be an object");
            return false;
        }
        return true;
    }

    /** An array of {@code min..max} items; false when absent, a reference or not such an array. */
    boolean array(String name, boolean required, int min, int max) {
        if (!present(name, required)) {
            return false;
        }
        JsonNode value = get(name);
        if (!value.isArray()) {
            problems.add(path(name), "must be an array");
            return false;
        }
        if (value.size() < min || value.size() > max) {
            problems.add(path(name), value.size() < min
                    ? "must have at least " + min + " item" + (min == 1 ? "" : "s")
                    : "must have at most " + max + " items (got " + value.size() + ")");
            return value.size() >= min;
        }
        return true;
    }

    private static String show(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
