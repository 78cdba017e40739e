package io.lamina.extraction.groundtruth;

import java.util.List;
import java.util.Map;

/**
 * One generated document: what is drawn where ({@code items}, in points from the page's top-left, on an A4 page), the
 * same content as DOCX paragraphs and a table, and the values an extractor must find ({@code expected}: field name →
 * the canonical JSON text of the value; {@code lineItems}: one map per item).
 */
record Sample(String id, String kind, String schemaName, List<Item> items, List<String> paragraphs,
              List<List<String>> table, Map<String, String> expected, List<Map<String, String>> lineItems) {

    /** Text at a baseline position; {@code right}: {@code x} is the right edge. */
    record Item(double x, double y, double size, boolean bold, String text, boolean right) {
    }
}
