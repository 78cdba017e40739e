package io.lamina.gateway.service;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Pipeline references: anywhere in a step's params, {@code {"$step": "<step id>", "path": "<JSON Pointer>"}} stands
 * for a value of that earlier step's output ({@code path} optional: the whole output). A file in an output
 * ({@code {file_id, name, mime_type, size}}) used where a file input is expected is handed over as that file.
 */
final class StepReferences {

    static final String STEP = "$step";
    static final String PATH = "path";
    static final String ITEM = "$item";

    private StepReferences() {
    }

    static boolean isReference(JsonNode node) {
        if (!node.isObject() || !node.path(STEP).isTextual()) {
            return false;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STEP.equals(name) && !PATH.equals(name)) {
                return false;
            }
        }
        return true;
    }

    /** The step ids referenced anywhere in {@code params}, with the JSON path of each reference for errors. */
    static void collect(JsonNode node, String path, Map<String, String> into) {
        if (isReference(node)) {
            into.putIfAbsent(node.get(STEP).asText(), path);
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> collect(f.getValue(), path + "." + f.getKey(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", into);
            }
        }
    }

    /** A fan-out item reference {@code {"$item": "<JSON Pointer>"}}. */
    static boolean isItemReference(JsonNode node) {
        return node.isObject() && node.size() == 1 && node.path(ITEM).isTextual();
    }

    /** The JSON path of the first item reference in {@code node}, or null; a bad pointer is refused with 422. */
    static String firstItemReference(JsonNode node, String path) {
        if (isItemReference(node)) {
            try {
                JsonPointer.compile(node.get(ITEM).asText());
            } catch (IllegalArgumentException e) {
                throw io.lamina.problem.ApiException.unprocessable("invalid_reference", path
                        + ".$item: a JSON Pointer into the item, such as \"\" (the item) or \"/amount\"");
            }
            return path;
        }
        String found = null;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && found == null; ) {
                Map.Entry<String, JsonNode> f = it.next();
                found = firstItemReference(f.getValue(), path + "." + f.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && found == null; i++) {
                found = firstItemReference(node.get(i), path + "[" + i + "]");
            }
        }
        return found;
    }

    /** Replaces every item reference in {@code node} by the value it points to in {@code item}. */
    static JsonNode substituteItem(JsonNode node, JsonNode item) {
        return JsonTrees.replace(node, StepReferences::isItemReference, ref -> {
            JsonNode value = item.at(JsonPointer.compile(ref.get(ITEM).asText()));
            return value.isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value.deepCopy();
        });
    }

    /** A JSON Pointer as written in a reference, or null when it is not one. */
    static JsonPointer pointer(JsonNode reference) {
        JsonNode path = reference.get(PATH);
        if (path == null) {
            return JsonPointer.empty();
        }
        try {
            return path.isTextual() ? JsonPointer.compile(path.asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Replaces every reference in {@code node} (in place where it can) by what {@code resolver} gives for it (step id,
     * pointer); returns the node to use in place of {@code node}.
     */
    static JsonNode substitute(JsonNode node, BiFunction<String, JsonPointer, JsonNode> resolver) {
        return JsonTrees.replace(node, StepReferences::isReference,
                ref -> resolver.apply(ref.get(STEP).asText(), pointer(ref)));
    }

    /** The id of a step on a dependency cycle, or null when the steps form a DAG. */
    static String findCycle(Map<String, Set<String>> dependsOn) {
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String step : dependsOn.keySet()) {
            String cycle = visit(step, dependsOn, visiting, done);
            if (cycle != null) {
                return cycle;
            }
        }
        return null;
    }

    private static String visit(String step, Map<String, Set<String>> dependsOn, Set<String> visiting,
                                Set<String> done) {
        if (done.contains(step)) {
            return null;
        }
        if (!visiting.add(step)) {
            return step;
        }
        for (String dep : dependsOn.getOrDefault(step, Set.of())) {
            String cycle = visit(dep, dependsOn, visiting, done);
            if (cycle != null) {
                return cycle;
            }
        }
        visiting.remove(step);
        done.add(step);
        return null;
    }
}
