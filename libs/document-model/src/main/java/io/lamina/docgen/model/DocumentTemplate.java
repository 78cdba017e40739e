package io.lamina.docgen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a document template with a data object into a document model. The syntax, in full:
 * <ul>
 *   <li>{@code {{invoice.number}}} in any string is replaced by that value of the data (dots name fields, numbers
 *   name array elements: {@code {{lines.0.name}}}). A string that is exactly one placeholder takes the value itself,
 *   so {@code "font_size_in_pt": "{{size}}"} becomes a number and {@code "items": "{{lines}}"} an array, except in
 *   the model's text fields ({@code text}, {@code markdown}, {@code value}, …), which always get text (a number
 *   as written in the data). A missing value is an error; {@code {{note?}}} is an empty string instead.</li>
 *   <li>In any array, {@code {"type":"repeat","items":"{{lines}}","as":"line","content":[…]}} is replaced by
 *   {@code content} once per element of {@code lines}, with {@code {{line.…}}}, {@code {{loop.index}}} (from 0),
 *   {@code {{loop.number}}} (from 1), {@code {{loop.first}}} and {@code {{loop.last}}} bound. It works for blocks,
 *   table rows, cells and list items alike.</li>
 *   <li>In any array, {@code {"type":"if","value":"{{paid}}","content":[…],"else":[…]}} keeps {@code content} when
 *   the value is truthy (not false, null, missing, "", 0 or empty), {@code else} (optional) otherwise.</li>
 * </ul>
 * Object keys are never templated. The output is a fresh tree; the template is not changed.
 */
public final class DocumentTemplate {

    /** Placeholders in one string, and repeat expansions, are capped so that a template cannot explode. */
    public static final int MAX_OUTPUT_NODES = 2_000_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)(\\?)?\\s*}}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Fields of the document model whose value is always a string. */
    private static final java.util.Set<String> TEXT_FIELDS = java.util.Set.of("text", "markdown", "value", "title",
            "author", "subject", "keywords", "language", "label_override", "link_url", "format", "name");

    /** A template that cannot be rendered with the data: where, and why. */
    public static final class TemplateException extends RuntimeException {
        private final String path;

        public TemplateException(String path, String message) {
            super(message);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    private final Deque<Map<String, JsonNode>> scopes = new ArrayDeque<>();
    private final JsonNode data;
    private int produced;

    private DocumentTemplate(JsonNode data) {
        this.data = data == null ? NODES.objectNode() : data;
    }

    /** The document model; {@code path} (such as {@code template}) prefixes the paths in errors. */
    public static JsonNode render(JsonNode template, JsonNode data, String path) {
        return new DocumentTemplate(data).node(template, path);
    }

    private JsonNode node(JsonNode node, String path) {
        if (++produced > MAX_OUTPUT_NODES) {
            throw new TemplateException(path, "the rendered document would have more than " + MAX_OUTPUT_NODES
                    + " values");
        }
        if (node.isTextual()) {
            return string(node.asText(), path);
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                element(node.get(i), path + "[" + i + "]", out);
            }
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = node(e.getValue(), path + "." + e.getKey());
                if (TEXT_FIELDS.contains(e.getKey()) && value.isValueNode() && !value.isNull() && !value.isTextual()
                        && e.getValue().isTextual()) {
                    value = TextNode.valueOf(value.asText());
                }
                out.set(e.getKey(), value);
            }
            return out;
        }
        return node.deepCopy();
    }

    /** Adds the rendering of one array element to {@code out}: itself, or what a repeat or if expands to. */
    private void element(JsonNode element, String path, ArrayNode out) {
        String type = element.isObject() ? element.path("type").asText("") : "";
        if (type.equals("repeat")) {
            repeat(element, path, out);
        } else if (type.equals("if")) {
            JsonNode value = value(element.get("value"), path + ".value", true);
            JsonNode branch = truthy(value) ? element.get("content") : element.get("else");
            if (branch != null) {
                expand(branch, path + (truthy(value) ? ".content" : ".else"), out);
            }
        } else {
            out.add(node(element, path));
        }
    }

    private void repeat(JsonNode element, String path, ArrayNode out) {
        JsonNode items = value(element.get("items"), path + ".items", false);
        if (!items.isArray()) {
            throw new TemplateException(path + ".items", "must be a placeholder naming an array of the data, such as "
                    + "\"{{lines}}\" (got " + describe(items) + ")");
        }
        String as = element.path("as").asText("item");
        if (!as.matches("[A-Za-z_][A-Za-z0-9_]*") || as.equals("loop")) {
            throw new TemplateException(path + ".as", "must be a name (letters, digits, _), not 'loop'");
        }
        JsonNode content = element.get("content");
        if (content == null || !content.isArray()) {
            throw new TemplateException(path + ".content", "required: the array of elements to repeat");
        }
        for (int i = 0; i < items.size(); i++) {
            Map<String, JsonNode> scope = new LinkedHashMap<>();
            scope.put(as, items.get(i));
            ObjectNode loop = NODES.objectNode();
            loop.put("index", i).put("number", i + 1).put("first", i == 0).put("last", i == items.size() - 1);
            scope.put("loop", loop);
            scopes.push(scope);
            try {
                expand(content, path + ".content", out);
            } finally {
                scopes.pop();
            }
        }
    }

    private void expand(JsonNode content, String path, ArrayNode out) {
        if (!content.isArray()) {
            throw new TemplateException(path, "must be an array");
        }
        for (int i = 0; i < content.size(); i++) {
            element(content.get(i), path + "[" + i + "]", out);
        }
    }

    /** The value a field holding one placeholder stands for (or a literal value). */
    private JsonNode value(JsonNode field, String path, boolean optional) {
        if (field == null) {
            if (optional) {
                return NODES.nullNode();
            }
            throw new TemplateException(path, "required: a placeholder such as \"{{lines}}\"");
        }
        return field.isTextual() ? string(field.asText(), path) : field;
    }

    private JsonNode string(String text, String path) {
        Matcher m = PLACEHOLDER.matcher(text);
        if (!m.find()) {
            return TextNode.valueOf(text);
        }
        if (m.start() == 0 && m.end() == text.length()) {
            JsonNode value = lookup(m.group(1), m.group(2) != null, path);
            return value.deepCopy();
        }
        StringBuilder out = new StringBuilder();
        m.reset();
        while (m.find()) {
            JsonNode value = lookup(m.group(1), m.group(2) != null, path);
            if (value.isContainerNode()) {
                throw new TemplateException(path, "{{" + m.group(1) + "}} is " + describe(value)
                        + ", which cannot be put inside a text");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.isNull() ? "" : value.asText()));
        }
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    private JsonNode lookup(String name, boolean optional, String path) {
        String[] parts = name.split("\\.");
        JsonNode current = null;
        for (Map<String, JsonNode> scope : scopes) {
            if (scope.containsKey(parts[0])) {
                current = scope.get(parts[0]);
                break;
            }
        }
        if (current == null) {
            current = data.get(parts[0]);
        }
        for (int i = 1; i < parts.length && current != null; i++) {
            current = current.isArray() && parts[i].matches("\\d+") ? current.get(Integer.parseInt(parts[i]))
                    : current.isObject() ? current.get(parts[i]) : null;
        }
        if (current == null) {
            if (optional) {
                return TextNode.valueOf("");
            }
            throw new TemplateException(path, "{{" + name + "}} is not in the data (write {{" + name
                    + "?}} for an optional value)");
        }
        return current;
    }

    private static boolean truthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0;
        }
        if (value.isTextual()) {
            return !value.asText().isEmpty();
        }
        return !value.isEmpty();
    }

    private static String describe(JsonNode value) {
        return value.isArray() ? "an array" : value.isObject() ? "an object" : value.isTextual() ? "a string"
                : value.isNumber() ? "a number" : value.isBoolean() ? "a boolean" : "null";
    }
}
