package io.lamina.contracts;

import java.util.Arrays;
import java.util.Optional;

/** The operations a step can run, with the command topic of the service that runs each. */
public enum Operation {
    DOCUMENT_EXTRACTION("document_extraction", Topics.EXTRACTION_COMMANDS),
    DOCUMENT_TO_MARKDOWN("document_to_markdown", Topics.EXTRACTION_COMMANDS),
    WEBSITE_EXTRACTION("website_extraction", Topics.EXTRACTION_COMMANDS),
    IMAGE_TRANSFORMATION("image_transformation", Topics.IMAGE_COMMANDS),
    IMAGE_GENERATION("image_generation", Topics.IMAGE_COMMANDS),
    DOCUMENT_GENERATION("document_generation", Topics.DOCGEN_COMMANDS),
    SHEET_GENERATION("sheet_generation", Topics.SHEET_COMMANDS);

    private final String id;
    private final String commandTopic;

    Operation(String id, String commandTopic) {
        this.id = id;
        this.commandTopic = commandTopic;
    }

    /** The wire name, e.g. {@code sheet_generation}. */
    public String id() {
        return id;
    }

    public String commandTopic() {
        return commandTopic;
    }

    public static Optional<Operation> byId(String id) {
        return Arrays.stream(values()).filter(op -> op.id.equals(id)).findFirst();
    }
}
