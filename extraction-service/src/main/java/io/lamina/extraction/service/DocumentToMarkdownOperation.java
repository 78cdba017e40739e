package io.lamina.extraction.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.BlobRef;
import io.lamina.contracts.Usage;
import io.lamina.extraction.MarkdownDocument;
import io.lamina.extraction.config.ExtractionConfig;
import io.lamina.extraction.convert.TextDocumentConverter;
import io.lamina.ops.runtime.Operation;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;

import static io.lamina.extraction.ExtractionErrors.INPUT_MISSING;
import static io.lamina.extraction.ExtractionErrors.INVALID_PARAMS;
import static io.lamina.extraction.ExtractionErrors.LIMIT_EXCEEDED;
import static io.lamina.extraction.ExtractionErrors.UNSUPPORTED_INPUT;
import static io.lamina.extraction.ExtractionErrors.fail;

/**
 * {@code document_to_markdown} for text inputs: {@code {"file": <BlobRef>}} (or {@code "files"} with one element)
 * in, {@code {"name", "mime_type", "markdown"}} out, one page of usage. The gateway has already turned uploads and
 * base64 inputs into blobs; URL inputs are not fetched yet.
 */
@ApplicationScoped
public class DocumentToMarkdownOperation implements Operation {

    private final ExtractionConfig config;
    private final ObjectMapper mapper;
    private final TextDocumentConverter converter = new TextDocumentConverter();

    public DocumentToMarkdownOperation(ExtractionConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public String id() {
        return io.lamina.contracts.Operation.DOCUMENT_TO_MARKDOWN.id();
    }

    @Override
    public Outcome run(JsonNode params, StepContext context) throws Exception {
        FileParam file = fileParam(params);
        JsonNode input = file.node();
        String type = input.path("type").asText("");
        if ("url".equals(type)) {
            throw fail(UNSUPPORTED_INPUT, file.path() + ": URL inputs arrive with the extraction issue; upload the "
                    + "file or send it as base64 for now");
        }
        if (!BlobRef.TYPE.equals(type) || !input.path("blob_id").isTextual()) {
            throw fail(INVALID_PARAMS, file.path() + ": expected a file reference {\"type\":\"blob\",\"blob_id\",...}");
        }
        String blobId = input.get("blob_id").textValue();
        String name = input.path("name").isTextual() ? input.get("name").textValue() : "document";
        long limit = Math.min(config.maxFileBytes(), Integer.MAX_VALUE - 8);
        long size = context.blobs().size(blobId).orElseThrow(() -> fail(INPUT_MISSING,
                file.path() + ": the file is no longer in the blob store"));
        if (size > limit) {
            throw tooLarge(file.path(), size, limit);
        }
        byte[] bytes;
        try (InputStream in = context.blobs().open(blobId).orElseThrow(() -> fail(INPUT_MISSING,
                file.path() + ": the file is no longer in the blob store"))) {
            bytes = in.readNBytes((int) limit + 1);
        }
        if (bytes.length > limit) {
            throw tooLarge(file.path(), bytes.length, limit);
        }
        MarkdownDocument document = converter.convert(name, bytes);
        ObjectNode output = mapper.createObjectNode();
        output.put("name", name);
        output.put("mime_type", document.mimeType());
        output.put("markdown", document.markdown());
        return Outcome.succeeded(output, Usage.pages(1));
    }

    private static RuntimeException tooLarge(String path, long size, long limit) {
        return fail(LIMIT_EXCEEDED, path + ": " + size + " bytes, the limit is " + limit + " bytes");
    }

    private record FileParam(JsonNode node, String path) {
    }

    private static FileParam fileParam(JsonNode params) {
        if (params != null && params.path("file").isObject()) {
            return new FileParam(params.get("file"), "file");
        }
        JsonNode files = params == null ? null : params.get("files");
        if (files != null && files.isArray()) {
            if (files.size() != 1 || !files.get(0).isObject()) {
                throw fail(INVALID_PARAMS, "files: exactly one file is supported per step, got " + files.size());
            }
            return new FileParam(files.get(0), "files[0]");
        }
        throw fail(INVALID_PARAMS, "file: required (a file reference)");
    }
}
