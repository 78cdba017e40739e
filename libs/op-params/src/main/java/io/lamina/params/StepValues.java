package io.lamina.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;

/** The shapes a params value can take before the operation runs, that validators must recognise. */
public final class StepValues {

    /** Key of a pipeline reference: {@code {"$step": "<step id>", "path": "<JSON Pointer>"}}. */
    public static final String STEP = "$step";
    public static final String PATH = "path";
    /** Key of a fan-out item reference: {@code {"$item": "<JSON Pointer into the item>"}} ({@code ""}: the item). */
    public static final String ITEM = "$item";

    private StepValues() {
    }

    /**
     * A value known only when the step runs: a reference to an earlier step's output, or, in a fan-out step, to the
     * item being processed.
     */
    public static boolean isReference(JsonNode node) {
        if (node != null && node.isObject() && node.size() == 1 && node.path(ITEM).isTextual()) {
            return true;
        }
        if (node == null || !node.isObject() || !node.path(STEP).isTextual()) {
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

    /**
     * A file input in any of the forms a request may carry: {@code {"type":"base64","name","base64"}},
     * {@code {"type":"url","name","url"}}, {@code {"type":"file","file_id"}} (an uploaded file) and
     * {@code {"type":"blob","blob_id",…}} (what the gateway hands to operation services). Only the shape is checked.
     */
    public static boolean isFileInput(JsonNode node) {
        if (node == null || !node.isObject()) {
            return false;
        }
        return switch (node.path("type").asText("")) {
            case "base64" -> node.path("base64").isTextual();
            case "url" -> node.path("url").isTextual();
            case "file" -> node.path("file_id").isTextual();
            case "blob" -> node.path("blob_id").isTextual();
            default -> false;
        };
    }
}
