package io.lamina.extraction.read;

import io.lamina.extraction.ExtractionErrors;
import io.lamina.ops.runtime.OperationException;

/**
 * The running budget of one read: the deadline, the pages read so far (all nested attachments together) and the
 * nesting depth. Readers call {@link #check()} often (per page, per text run, per row) so that a file which would
 * take too long stops with {@code limit_exceeded} instead of holding a worker.
 */
public final class ReadBudget {

    private final ReadLimits limits;
    private final long deadlineNanos;
    private final ReadProgress progress;
    private int pages;
    private int reserved;

    ReadBudget(ReadLimits limits, ReadProgress progress) {
        this.limits = limits;
        this.deadlineNanos = System.nanoTime() + limits.fileTimeout().toNanos();
        this.progress = progress == null ? ReadProgress.NONE : progress;
    }

    public ReadLimits limits() {
        return limits;
    }

    /** Fails with {@code limit_exceeded} once the file's time budget is spent (or the thread was interrupted). */
    public void check() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "reading the file took longer than "
                    + limits.fileTimeout().toSeconds() + " s (lamina.extraction.file-timeout)");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "reading the file was interrupted");
        }
    }

    /** Counts pages about to be read; fails when the file has more than the page cap. */
    public void reservePages(int count) {
        int done;
        int total;
        synchronized (this) {
            if ((long) pages + count > limits.maxPages()) {
                throw pageLimit((long) pages + count);
            }
            reserved = Math.max(reserved, pages) + count;
            done = pages;
            total = reserved;
        }
        progress.pages(done, total);
    }

    /** One more page done (progress). */
    public void pageDone() {
        int done;
        int total;
        synchronized (this) {
            done = ++pages;
            total = Math.max(reserved, done);
        }
        progress.pages(done, total);
        check();
    }

    public synchronized int pagesRead() {
        return pages;
    }

    OperationException pageLimit(long count) {
        return ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "the file has " + count
                + " pages, the limit is " + limits.maxPages() + " (lamina.extraction.max-pages)");
    }

    public void checkPixels(long width, long height, String what) {
        if (width <= 0 || height <= 0) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, what + " has no pixels");
        }
        if (width * height > limits.maxImagePixels()) {
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, what + " is " + width + "×" + height
                    + " pixels, the limit is " + limits.maxImagePixels() + " pixels (lamina.extraction.max-image-pixels)");
        }
    }

    public void checkText(long chars) {
        if (chars > limits.maxTextChars()) {
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "the file yields more than "
                    + limits.maxTextChars() + " characters of text (lamina.extraction.max-text-chars)");
        }
    }
}
