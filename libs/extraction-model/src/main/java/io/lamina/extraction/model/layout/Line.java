package io.lamina.extraction.model.layout;

import java.util.List;

/** A line of words in reading order; {@code text} is the words joined with the spacing as read. */
public record Line(String text, Box box, List<Word> words) {
}
