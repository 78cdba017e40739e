package io.lamina.extraction;

/** A document converted to Markdown, with the media type detected from its content. */
public record MarkdownDocument(String mimeType, String markdown) {
}
