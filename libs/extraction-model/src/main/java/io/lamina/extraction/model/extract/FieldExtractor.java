package io.lamina.extraction.model.extract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.model.schema.ExtractionSchema;

import java.util.List;

/**
 * Extracts a schema's fields from read documents. The result is the ExtractionResult of the extraction contract: an
 * object keyed by field name (in schema order), each {@code {value, confidence, citations, source, type, page,
 * bounding_box}}; an ARRAY's value is a list of such objects keyed by its item fields.
 */
public interface FieldExtractor {

    ObjectNode extract(ExtractionSchema schema, List<DocumentLayout> documents) throws ExtractionException;

    /** The extractor could not do its work (an LLM that did not answer, …); {@code retryable} when trying again may help. */
    final class ExtractionException extends Exception {
        private final boolean retryable;

        public ExtractionException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
