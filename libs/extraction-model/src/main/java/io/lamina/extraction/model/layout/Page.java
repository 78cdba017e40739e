package io.lamina.extraction.model.layout;

import java.util.List;

/**
 * One page of a document as read: 1-based {@code number}, size in points, lines top to bottom, and how it was read
 * ({@code TEXT} from a text layer or a text format, {@code OCR} from pixels).
 */
public record Page(int number, double width, double height, List<Line> lines, Source source) {

    public enum Source { TEXT, OCR }
}
