package io.lamina.extraction.model.layout;

/** One word as read: its text, where it is, and how sure the reader is of it (1.0 for a PDF text layer, OCR's own
 * confidence 0–1 for a scan). */
public record Word(String text, Box box, double confidence) {
}
