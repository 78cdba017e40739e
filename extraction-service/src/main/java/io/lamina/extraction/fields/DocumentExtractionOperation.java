package io.lamina.extraction.fields;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Operation;
import io.lamina.contracts.Usage;
import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.config.ExtractionConfig;
import io.lamina.extraction.model.ExtractionParamsValidator;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.model.schema.ExtractionSchema;
import io.lamina.extraction.read.DocumentReaders;
import io.lamina.extraction.service.PageProgress;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import io.lamina.params.ParamsProblem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code document_extraction}: {@code {"files": [FileInput, …], "schema": ExtractionSchema}} in (up to 20 files),
 * the ExtractionResult out (an object keyed by field name: value, confidence, citations, source, type, page,
 * bounding_box). The params are validated again with the gateway's validator, every file is read with
 * {@link DocumentReaders} (text layer, OCR, DOCX, …), then the fields are extracted from all of them together. Usage is
 * the number of pages read (a file without pages counts one).
 */
@ApplicationScoped
public class DocumentExtractionOperation implements io.lamina.ops.runtime.Operation {

    private final ExtractionParamsValidator validator = new ExtractionParamsValidator();
    private final DocumentReaders readers;
    private final FieldExtraction fields;
    private final int maxFiles;

    public DocumentExtractionOperation(ExtractionConfig config, DocumentReaders readers, FieldExtraction fields) {
        this.readers = readers;
        this.fields = fields;
        this.maxFiles = config.maxFiles();
    }

    @Override
    public String id() {
        return Operation.DOCUMENT_EXTRACTION.id();
    }

    @Override
    public Outcome run(JsonNode params, StepContext context) throws Exception {
        List<ParamsProblem> problems = validator.validate(Operation.DOCUMENT_EXTRACTION, params);
        if (!problems.isEmpty()) {
            throw ExtractionErrors.fail(ExtractionErrors.INVALID_PARAMS, FieldExtraction.describe(problems));
        }
        ExtractionSchema schema = fields.schema(params.get("schema"));
        JsonNode files = params.get("files");
        if (files.size() > maxFiles) {
            throw ExtractionErrors.fail(ExtractionErrors.INVALID_PARAMS, "files: " + files.size()
                    + " files, at most " + maxFiles + " (lamina.extraction.max-files)");
        }
        List<DocumentLayout> layouts = new ArrayList<>();
        int pages = 0;
        PageProgress progress = new PageProgress(context, files.size());
        for (int i = 0; i < files.size(); i++) {
            JsonNode file = files.get(i);
            String path = "files[" + i + "]";
            if ("url".equals(file.path("type").asText())) {
                throw ExtractionErrors.fail(ExtractionErrors.UNSUPPORTED_INPUT, path + ": URL inputs are not fetched by "
                        + "document_extraction; use website_extraction for web pages, or upload the file");
            }
            DocumentLayout layout = readers.read(context.blobs(), file, path, progress.file());
            pages += Math.max(1, layout.pages().size());
            layouts.add(layout);
            progress.fileDone(layout.pages().size());
        }
        return Outcome.succeeded(fields.extract(schema, layouts), Usage.pages(pages));
    }
}
