package io.lamina.extraction.model.layout;

import java.util.List;

/**
 * What a reader made of one input file: the file's name, its pages with positioned words, and its Markdown (headings,
 * lists and tables kept). Formats without pages (DOCX, HTML, CSV, …) are one page whose boxes are line positions in a
 * notional layout (one line 12 pt high, full page width), so citations still name a page and a box.
 */
public record DocumentLayout(String fileName, String mimeType, List<Page> pages, String markdown) {
}
