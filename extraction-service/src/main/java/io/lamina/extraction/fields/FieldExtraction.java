package io.lamina.extraction.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.model.extract.ChatCompletionsExtractor;
import io.lamina.extraction.model.extract.FieldExtractor;
import io.lamina.extraction.model.extract.LayoutFieldExtractor;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.model.schema.ExtractionSchema;
import io.lamina.extraction.model.schema.SchemaReader;
import io.lamina.params.ParamsProblem;
import io.lamina.params.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Schema fields from read documents, for {@code document_extraction} and {@code website_extraction}: the schema is
 * read (and checked again, failing with {@code invalid_params}), then the configured extractor runs: the built-in
 * {@link LayoutFieldExtractor}, or the {@link ChatCompletionsExtractor} when {@code lamina.extraction.llm.enabled}.
 */
@ApplicationScoped
public class FieldExtraction {

    private final FieldExtractor extractor;

    @Inject
    public FieldExtraction(LlmConfig llm) {
        this(choose(llm));
    }

    public FieldExtraction(FieldExtractor extractor) {
        this.extractor = extractor;
    }

    private static FieldExtractor choose(LlmConfig llm) {
        if (!llm.enabled()) {
            return new LayoutFieldExtractor();
        }
        String url = llm.url().orElseThrow(() -> new IllegalStateException(
                "lamina.extraction.llm.enabled is true but lamina.extraction.llm.url is not set"));
        return new ChatCompletionsExtractor(new ChatCompletionsExtractor.Settings(URI.create(url), llm.model(),
                llm.apiKey(), llm.timeout(), llm.maxInputChars()));
    }

    /** Reads the {@code schema} param; any problem fails the step with {@code invalid_params} naming the paths. */
    public ExtractionSchema schema(JsonNode node) {
        Problems problems = new Problems();
        ExtractionSchema schema = SchemaReader.read(node, "schema", problems);
        if (!problems.isEmpty()) {
            throw ExtractionErrors.fail(ExtractionErrors.INVALID_PARAMS, describe(problems.list()));
        }
        return schema;
    }

    static String describe(List<ParamsProblem> problems) {
        return problems.stream().map(p -> p.describe("")).collect(Collectors.joining("; "));
    }

    /** The ExtractionResult of {@code documents}; an LLM that cannot answer fails the step (retryable when it may pass). */
    public ObjectNode extract(ExtractionSchema schema, List<DocumentLayout> documents) {
        try {
            return extractor.extract(schema, documents);
        } catch (FieldExtractor.ExtractionException e) {
            throw e.retryable() ? ExtractionErrors.retry(EXTRACTOR_UNAVAILABLE, e.getMessage())
                    : ExtractionErrors.fail(EXTRACTOR_FAILED, e.getMessage());
        }
    }

    /** The LLM endpoint did not answer or answered nonsense (retryable). */
    public static final String EXTRACTOR_UNAVAILABLE = "extractor_unavailable";
    /** The LLM endpoint refused the request (a 4xx other than 429: key, model; permanent). */
    public static final String EXTRACTOR_FAILED = "extractor_failed";
}
