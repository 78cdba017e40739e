package io.lamina.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Function;
import java.util.function.Predicate;

/** Rewrites of JSON trees shared by the orchestrator's params and outputs handling. */
final class JsonTrees {

    private JsonTrees() {
    }

    /**
     * Replaces every node that {@code matches} (not looking inside it) by {@code replace(node)}, in place where the
     * tree allows; returns what stands for {@code node} afterwards.
     */
    static JsonNode replace(JsonNode node, Predicate<JsonNode> matches, Function<JsonNode, JsonNode> replace) {
        if (matches.test(node)) {
            return replace.apply(node);
        }
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(f -> f.setValue(replace(f.getValue(), matches, replace)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(array.get(i), matches, replace));
            }
        }
        return node;
    }
}
