package io.lamina.extraction.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Operation;
import io.lamina.params.ParamsProblem;
import io.lamina.params.ParamsValidator;

import java.util.List;
import java.util.Set;

/** Validates the params of document_extraction,document_to_markdown,website_extraction. Not written yet: accepts every params object (the service checks at run time). */
public final class ExtractionParamsValidator implements ParamsValidator {

    @Override
    public Set<Operation> operations() {
        return Set.of(Operation.DOCUMENT_EXTRACTION,Operation.DOCUMENT_TO_MARKDOWN,Operation.WEBSITE_EXTRACTION);
    }

    @Override
    public List<ParamsProblem> validate(Operation operation, JsonNode params) {
        return List.of();
    }
}
