package io.lamina.extraction.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.Usage;
import io.lamina.extraction.config.ExtractionConfig;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.read.DocumentReaders;
import io.lamina.ops.runtime.Operation;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

import static io.lamina.extraction.ExtractionErrors.INVALID_PARAMS;
import static io.lamina.extraction.ExtractionErrors.UNSUPPORTED_INPUT;
import static io.lamina.extraction.ExtractionErrors.fail;

/**
 * {@code document_to_markdown}: {@code {"file": FileInput}} or {@code {"files": [FileInput, …]}} (up to
 * {@code max-files}) in. One file gives Iteration Layer's ConvertResult {@code {"name", "mime_type", "markdown"}};
 * a {@code files} list gives {@code {"files": [ConvertResult, …]}} in input order (also for a list of one). Usage is
 * the number of pages read (a file without pages counts one).
 */
@ApplicationScoped
public class DocumentToMarkdownOperation implements Operation {

    private final ExtractionConfig config;
    private final ObjectMapper mapper;
    private final DocumentReaders readers;

    public DocumentToMarkdownOperation(ExtractionConfig config, ObjectMapper mapper, DocumentReaders readers) {
        this.config = config;
        this.mapper = mapper;
        this.readers = readers;
    }

    @Override
    public String id() {
        return io.lamina.contracts.Operation.DOCUMENT_TO_MARKDOWN.id();
    }

    @Override
    public Outcome run(JsonNode params, StepContext context) throws Exception {
        List<FileParam> files = fileParams(params, config.maxFiles());
        ArrayNode results = mapper.createArrayNode();
        int pages = 0;
        PageProgress progress = new PageProgress(context, files.size());
        for (FileParam file : files) {
            if ("url".equals(file.node().path("type").asText(""))) {
                throw fail(UNSUPPORTED_INPUT, file.path() + ": URL inputs are not fetched by document_to_markdown; "
                        + "use website_extraction for web pages, or upload the file");
            }
            DocumentLayout layout = readers.read(context.blobs(), file.node(), file.path(), progress.file());
            pages += Math.max(1, layout.pages().size());
            results.add(result(layout));
            progress.fileDone(layout.pages().size());
        }
        JsonNode output;
        if (params.has("file")) {
            output = results.get(0);
        } else {
            ObjectNode wrapper = mapper.createObjectNode();
            wrapper.set("files", results);
            output = wrapper;
        }
        return Outcome.succeeded(output, Usage.pages(pages));
    }

    ObjectNode result(DocumentLayout layout) {
        ObjectNode output = mapper.createObjectNode();
        output.put("name", layout.fileName());
        output.put("mime_type", layout.mimeType());
        output.put("markdown", layout.markdown());
        return output;
    }

    record FileParam(JsonNode node, String path) {
    }

    static List<FileParam> fileParams(JsonNode params, int maxFiles) {
        if (params != null && params.path("file").isObject()) {
            return List.of(new FileParam(params.get("file"), "file"));
        }
        JsonNode files = params == null ? null : params.get("files");
        if (files != null && files.isArray()) {
            if (files.isEmpty()) {
                throw fail(INVALID_PARAMS, "files: at least one file is required");
            }
            if (files.size() > maxFiles) {
                throw fail(INVALID_PARAMS, "files: at most " + maxFiles + " files per request, got " + files.size());
            }
            List<FileParam> out = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                if (!files.get(i).isObject()) {
                    throw fail(INVALID_PARAMS, "files[" + i + "]: expected a file reference");
                }
                out.add(new FileParam(files.get(i), "files[" + i + "]"));
            }
            return out;
        }
        throw fail(INVALID_PARAMS, "file: required (a file reference), or files: a list of them");
    }
}
