package io.lamina.extraction.model.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.parse.Dates;
import io.lamina.extraction.model.schema.ExtractionSchema;
import io.lamina.extraction.model.schema.FieldSpec;
import io.lamina.extraction.model.schema.FieldType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An extractor backed by an OpenAI-compatible chat completions API ({@code POST <url>} with {@code model},
 * {@code messages}, {@code temperature: 0}, {@code response_format: json_object}). The documents' text (page by page,
 * capped at {@code maxInputChars}) and the schema go in; the answer must be a JSON object keyed by field name, each
 * {@code {"value", "quote"}} (ARRAY: a list of such objects keyed by item field). Every value then goes through the
 * same typed validation as the built-in extractor's ({@link TypedValues#check}); a value that fails it is dropped
 * (null, confidence 0). The quote must occur verbatim in a document to be cited and to give page and box; the
 * confidence is 0.9 for a validated value with a verbatim quote, 0.6 without one. CALCULATED fields are computed here,
 * never asked for.
 */
public final class ChatCompletionsExtractor implements FieldExtractor {

    /** Where and what to ask: the full endpoint URL (…/v1/chat/completions), the model, an optional API key. */
    public record Settings(URI url, String model, Optional<String> apiKey, Duration timeout, int maxInputChars) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final Settings settings;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    public ChatCompletionsExtractor(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public ObjectNode extract(ExtractionSchema schema, List<DocumentLayout> documents) throws ExtractionException {
        JsonNode answer = ask(prompt(schema, documents));
        Dates.Order order = Dates.Order.DAY_FIRST;
        Map<String, FieldResult> results = new LinkedHashMap<>();
        for (FieldSpec field : schema.fields()) {
            JsonNode given = answer.get(field.name());
            if (field.type() == FieldType.CALCULATED) {
                continue;
            }
            if (field.type() == FieldType.ARRAY) {
                results.put(field.name(), array(field, given, documents, order));
            } else {
                results.put(field.name(), scalar(field, given, documents, order));
            }
        }
        Calculations.apply(schema.fields(), results);
        ObjectNode out = JSON.objectNode();
        for (FieldSpec field : schema.fields()) {
            out.set(field.name(), results.get(field.name()).toJson());
        }
        return out;
    }

    private FieldResult scalar(FieldSpec field, JsonNode given, List<DocumentLayout> documents, Dates.Order order) {
        if (given == null || given.isNull()) {
            return FieldResult.missing(field);
        }
        JsonNode value = given.isObject() && given.has("value") ? given.get("value") : given;
        String quote = given.isObject() && given.path("quote").isTextual() ? given.get("quote").textValue().trim() : null;
        Optional<JsonNode> checked = TypedValues.check(field, value, order);
        if (checked.isEmpty()) {
            return FieldResult.missing(field);
        }
        Located at = quote == null || quote.isEmpty() ? null : locate(quote, documents);
        if (at == null) {
            return new FieldResult(field, checked.get(), 0.6, List.of(), documents.isEmpty() ? null
                    : documents.get(0).fileName(), null, null);
        }
        return new FieldResult(field, checked.get(), 0.9, List.of(quote), at.file(), at.page(), at.box());
    }

    private FieldResult array(FieldSpec field, JsonNode given, List<DocumentLayout> documents, Dates.Order order) {
        JsonNode list = given != null && given.isObject() && given.has("value") ? given.get("value") : given;
        ArrayNode items = JSON.arrayNode();
        if (list == null || !list.isArray()) {
            return new FieldResult(field, items, 0.0, List.of(), null, null, null);
        }
        double confidence = 0;
        for (JsonNode element : list) {
            Map<String, FieldResult> row = new LinkedHashMap<>();
            for (FieldSpec f : field.fields()) {
                if (f.type() != FieldType.CALCULATED) {
                    row.put(f.name(), scalar(f, element.get(f.name()), documents, order));
                }
            }
            Calculations.apply(field.fields(), row);
            ObjectNode item = JSON.objectNode();
            double rowConf = 1;
            for (FieldSpec f : field.fields()) {
                item.set(f.name(), row.get(f.name()).toJson());
                rowConf = Math.min(rowConf, row.get(f.name()).confidence());
            }
            confidence += rowConf;
            items.add(item);
        }
        return new FieldResult(field, items, items.isEmpty() ? 0 : confidence / items.size(), List.of(),
                documents.isEmpty() ? null : documents.get(0).fileName(), null, null);
    }

    private record Located(String file, int page, Box box) {
    }

    private static Located locate(String quote, List<DocumentLayout> documents) {
        for (DocumentLayout doc : documents) {
            for (Page page : doc.pages()) {
                for (Line line : page.lines()) {
                    if (line.text() != null && line.text().contains(quote)) {
                        return new Located(doc.fileName(), page.number(), line.box());
                    }
                }
            }
            if (doc.markdown() != null && doc.markdown().contains(quote)) {
                return new Located(doc.fileName(), 1, null);
            }
        }
        return null;
    }

    String prompt(ExtractionSchema schema, List<DocumentLayout> documents) {
        StringBuilder sb = new StringBuilder();
        sb.append("Extract these fields from the documents below. Answer with one JSON object keyed by field name. ")
                .append("For each field give {\"value\": <value or null>, \"quote\": \"<the exact text of the document the value comes from>\"}; ")
                .append("for an ARRAY field give a list of objects keyed by its item fields, each in that form. ")
                .append("Dates as YYYY-MM-DD, times as HH:MM, amounts as plain numbers, countries as ISO 3166-1 alpha-2, ")
                .append("currencies as ISO 4217, addresses as {street, city, postal_code, region, country}. ")
                .append("Use null when the document does not say.\n\nFields:\n");
        for (FieldSpec f : schema.fields()) {
            describe(sb, f, "- ");
        }
        sb.append("\nDocuments:\n");
        int budget = settings.maxInputChars();
        for (DocumentLayout doc : documents) {
            sb.append("=== ").append(doc.fileName()).append(" ===\n");
            for (Page page : doc.pages()) {
                sb.append("--- page ").append(page.number()).append(" ---\n");
                for (Line line : page.lines()) {
                    if (budget <= 0) {
                        break;
                    }
                    String t = line.text() == null ? "" : line.text();
                    sb.append(t).append('\n');
                    budget -= t.length() + 1;
                }
            }
        }
        return sb.toString();
    }

    private static void describe(StringBuilder sb, FieldSpec f, String indent) {
        if (f.type() == FieldType.CALCULATED) {
            return;
        }
        sb.append(indent).append(f.name()).append(" (").append(f.type());
        if (f.values() != null) {
            sb.append(", one of ").append(f.values());
        }
        sb.append("): ").append(f.descriptionOrEmpty()).append('\n');
        if (f.fields() != null) {
            for (FieldSpec nested : f.fields()) {
                describe(sb, nested, indent + "    ");
            }
        }
    }

    private JsonNode ask(String prompt) throws ExtractionException {
        ObjectNode body = JSON.objectNode();
        body.put("model", settings.model());
        body.put("temperature", 0);
        body.putObject("response_format").put("type", "json_object");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content",
                "You extract typed fields from documents and answer only with JSON.");
        messages.addObject().put("role", "user").put("content", prompt);
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        settings.apiKey().ifPresent(key -> request.header("authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ExtractionException("the LLM endpoint did not answer: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtractionException("interrupted while waiting for the LLM endpoint", true, e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new ExtractionException("the LLM endpoint answered HTTP " + status, true, null);
        }
        if (status != 200) {
            throw new ExtractionException("the LLM endpoint refused the request: HTTP " + status, false, null);
        }
        try {
            JsonNode reply = mapper.readTree(response.body());
            String content = reply.path("choices").path(0).path("message").path("content").asText("");
            String json = content.trim();
            if (json.startsWith("```")) {
                json = json.replaceAll("^```(?:json)?\\s*", "").replaceAll("```\\s*$", "");
            }
            JsonNode answer = mapper.readTree(json);
            if (answer == null || !answer.isObject()) {
                throw new ExtractionException("the LLM answer is not a JSON object", true, null);
            }
            return answer;
        } catch (IOException e) {
            throw new ExtractionException("the LLM answer is not JSON: " + e.getMessage(), true, e);
        }
    }
}
