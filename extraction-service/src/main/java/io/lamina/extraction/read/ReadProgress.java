package io.lamina.extraction.read;

/**
 * Told how far the read of one file is: {@code done} of {@code total} pages. Called from the reader threads (several
 * at once for a PDF read in page ranges) after every page, and when a file (or an attachment) announces its pages;
 * {@code total} can grow while an e-mail's attachments are opened. Must be quick and thread-safe.
 */
@FunctionalInterface
public interface ReadProgress {

    ReadProgress NONE = (done, total) -> { };

    void pages(int done, int total);
}
