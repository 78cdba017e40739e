package io.lamina.docgen.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Valid {@code document_generation} params, read: the output format, the document model (a template already rendered
 * with its data), and the PDF options. Build it only from params {@link DocumentParamsValidator} accepted.
 */
public record DocumentRequest(String format, JsonNode document, boolean pdfA, List<JsonNode> prepend,
                              List<JsonNode> append) {

    public static DocumentRequest of(JsonNode params) {
        JsonNode document = params.has("template")
                ? DocumentTemplate.render(params.get("template"), params.get("data"), "template")
                : params.get("document");
        return new DocumentRequest(params.get("format").asText(), document,
                DocumentParamsValidator.PDF_A_2B.equals(params.path("pdf_standard").asText()),
                files(params.path("merge").path("prepend")), files(params.path("merge").path("append")));
    }

    private static List<JsonNode> files(JsonNode array) {
        List<JsonNode> files = new ArrayList<>();
        array.forEach(files::add);
        return List.copyOf(files);
    }
}
