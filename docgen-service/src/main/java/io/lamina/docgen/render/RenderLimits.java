package io.lamina.docgen.render;

import io.lamina.contracts.ErrorInfo;
import io.lamina.ops.runtime.OperationException;

/** The limits one rendering runs under; the deadline is checked between blocks. */
public record RenderLimits(int maxPages, long maxImagePixels, long deadlineNanos, long budgetSeconds) {

    public static RenderLimits of(int maxPages, long maxImagePixels, java.time.Duration time) {
        return new RenderLimits(maxPages, maxImagePixels, System.nanoTime() + time.toNanos(), time.toSeconds());
    }

    public void checkTime() {
        if (System.nanoTime() > deadlineNanos) {
            throw new OperationException(ErrorInfo.permanent("limit_exceeded", "rendering took longer than "
                    + budgetSeconds + " s (lamina.docgen.max-render-time)"));
        }
    }
}
