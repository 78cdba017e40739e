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
