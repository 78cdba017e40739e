package io.lamina.extraction.service;

import io.lamina.extraction.read.ReadProgress;
import io.lamina.ops.runtime.StepContext;

import java.util.function.LongSupplier;

/**
 * Per-page progress of a step that reads {@code files} files, sent to {@link StepContext#progress} as
 * {@code done/total "page"}: pages of the files already read, plus the current file's pages; a file not opened yet
 * counts as one page until its page count is known. Throttled so that a 1000-page PDF does not flood
 * {@code lamina.ops.progress}: a report goes out when at least {@value #MIN_INTERVAL_MILLIS} ms passed since the last
 * one or the done count moved by 5 % of the total, and always for the last page. Thread-safe (a PDF's pages are
 * read on several threads).
 */
public final class PageProgress {

    static final long MIN_INTERVAL_MILLIS = 250;

    private final StepContext.Signals signals;
    private final int files;
    private final LongSupplier clock;
    private int filesDone;
    private long pagesBefore;
    private long fileDone;
    private long fileTotal;
    private long lastDone = -1;
    private long lastTotal = -1;
    private long lastAt;

    public PageProgress(StepContext context, int files) {
        this(context.signals(), files, System::nanoTime);
    }

    PageProgress(StepContext.Signals signals, int files, LongSupplier nanoClock) {
        this.signals = signals;
        this.files = files;
        this.clock = nanoClock;
    }

    /** The listener for the next file's read. */
    public ReadProgress file() {
        return (done, total) -> update(done, total);
    }

    /** The current file is read: it counts {@code pages} pages (at least one). */
    public synchronized void fileDone(int pages) {
        filesDone++;
        pagesBefore += Math.max(1, pages);
        fileDone = 0;
        fileTotal = 0;
        report(true);
    }

    private synchronized void update(int done, int total) {
        fileDone = Math.max(fileDone, done);
        fileTotal = Math.max(fileTotal, Math.max(total, done));
        report(false);
    }

    private void report(boolean force) {
        long done = pagesBefore + fileDone;
        long remainingFiles = Math.max(0, files - filesDone - (fileTotal > 0 ? 1 : 0));
        long total = pagesBefore + fileTotal + remainingFiles;
        if (done == lastDone && total == lastTotal) {
            return;
        }
        long now = clock.getAsLong();
        boolean last = done >= total;
        boolean due = now - lastAt >= MIN_INTERVAL_MILLIS * 1_000_000L
                || (done - Math.max(0, lastDone)) * 20 >= total;
        if (force || last || lastDone < 0 || due) {
            lastDone = done;
            lastTotal = total;
            lastAt = now;
            signals.progress(done, total, "page");
        }
    }
}
