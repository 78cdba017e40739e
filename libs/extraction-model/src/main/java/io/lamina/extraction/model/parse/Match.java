package io.lamina.extraction.model.parse;

/**
 * A value found in a piece of text: {@code start}/{@code end} are the offsets of the verbatim text it was read from,
 * {@code quality} (0–1) how cleanly it parsed (1.0: a canonical form; lower: repaired, ambiguous or loosely formatted).
 */
public record Match<T>(T value, int start, int end, double quality) {

    public String quote(String text) {
        return text.substring(start, end);
    }
}
