package io.lamina.docgen.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.blobs.BlobStore;
import io.lamina.contracts.BlobRef;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.Usage;
import io.lamina.docgen.config.DocgenConfig;
import io.lamina.docgen.model.DocumentParamsValidator;
import io.lamina.docgen.model.DocumentRequest;
import io.lamina.docgen.model.DocumentTemplate;
import io.lamina.ops.runtime.Operation;
import io.lamina.ops.runtime.OperationException;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import io.lamina.params.ParamsProblem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code document_generation}: validates the params again (references are resolved now), renders the document in
 * the asked format and stores it as one blob. Usage: one call per document, as Iteration Layer bills it.
 */
@ApplicationScoped
public class DocumentGenerationOperation implements Operation {

    private final DocumentParamsValidator validator = new DocumentParamsValidator();
    private final DocumentGenerator generator;
    private final DocgenConfig config;
    private final ObjectMapper mapper;

    public DocumentGenerationOperation(DocumentGenerator generator, DocgenConfig config, ObjectMapper mapper) {
        this.generator = generator;
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public String id() {
        return io.lamina.contracts.Operation.DOCUMENT_GENERATION.id();
    }

    @Override
    public Outcome run(JsonNode params, StepContext context) throws Exception {
        List<ParamsProblem> problems = validator.validate(io.lamina.contracts.Operation.DOCUMENT_GENERATION, params);
        if (!problems.isEmpty()) {
            return new Outcome.Failed(ErrorInfo.permanent("invalid_params",
                    problems.stream().map(p -> p.describe("")).collect(Collectors.joining("; "))));
        }
        DocumentRequest request;
        try {
            request = DocumentRequest.of(params);
        } catch (DocumentTemplate.TemplateException e) {
            throw OperationException.invalid(e.path() + ": " + e.getMessage());
        }
        DocumentGenerator.Result result = generator.generate(request, context.blobs());
        if (result.bytes().length > config.maxOutputBytes()) {
            throw new OperationException(ErrorInfo.permanent("limit_exceeded", "the generated file has "
                    + result.bytes().length + " bytes, over " + config.maxOutputBytes()
                    + " (lamina.docgen.max-output-bytes)"));
        }
        BlobStore.StoredBlob blob = context.blobs().put(result.bytes());
        BlobRef output = BlobRef.of(blob.id(), result.fileName(), result.mimeType(), blob.size());
        return Outcome.succeeded(mapper.valueToTree(output), Usage.calls(1));
    }
}
