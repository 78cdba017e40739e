package io.lamina.image.codec;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the pixels held decoded by all steps of one replica together: a step leases its decoded size before it
 * decodes and returns it when it ends, so two large images cannot exhaust the heap together. A single image larger
 * than the whole budget fails at once with {@code limit_exceeded}; one that only has to wait for others fails
 * retryably with {@code resources_busy} after {@code wait}.
 */
public final class PixelBudget {

    /** Permits are counted in blocks of this many pixels (a semaphore holds an int). */
    private static final long BLOCK = 1024;

    private final Semaphore permits;
    private final long totalPixels;
    private final Duration wait;

    public PixelBudget(long totalPixels, Duration wait) {
        this.totalPixels = totalPixels;
        this.permits = new Semaphore((int) Math.min(Integer.MAX_VALUE, (totalPixels + BLOCK - 1) / BLOCK), true);
        this.wait = wait;
    }

    public static PixelBudget unlimited() {
        return new PixelBudget(Integer.MAX_VALUE * BLOCK, Duration.ZERO);
    }

    /** An empty lease; {@link Lease#ensure} takes pixels as the work needs them, {@code close} gives them back. */
    public Lease lease() {
        return new Lease();
    }

    private int acquire(long pixels) {
        if (pixels > totalPixels) {
            throw ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, "the step needs " + pixels + " pixels of working "
                    + "memory, more than this replica's lamina.images.memory-pixels (" + totalPixels + ")");
        }
        int blocks = (int) Math.max(1, (pixels + BLOCK - 1) / BLOCK);
        try {
            if (!permits.tryAcquire(blocks, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ImageErrors.busy("other image steps hold this replica's pixel memory; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ImageErrors.busy("interrupted while waiting for pixel memory");
        }
        return blocks;
    }

    public final class Lease implements AutoCloseable {
        private int blocks;

        private Lease() {
        }

        /** Makes sure at least {@code pixels} are held (current image plus the one being made). */
        public void ensure(long pixels) {
            long held = blocks * BLOCK;
            if (pixels > held) {
                if (pixels > totalPixels) {
                    acquire(pixels);
                }
                blocks += acquire(pixels - held);
            }
        }

        @Override
        public void close() {
            if (blocks > 0) {
                permits.release(blocks);
                blocks = 0;
            }
        }
    }
}
