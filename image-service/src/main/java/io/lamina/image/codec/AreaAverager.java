package io.lamina.image.codec;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * Shrinks an image that arrives one row at a time, top to bottom, by exact area averaging: every output pixel is the
 * mean of the source area it covers, source pixels cut by an output pixel's edge counted by the fraction inside it.
 * Only two output rows of sums and one source row of sums are held, never the source image.
 *
 * <p>Coordinates are scaled to integers: a source pixel is {@code outW} units wide and an output pixel {@code srcW}
 * (likewise vertically), so each overlap is an exact integer weight and every output pixel's weights add up to
 * {@code srcW × srcH}. A row number lower than the one expected starts over (a progressive JPEG delivers the whole
 * image once per pass; the last pass is the finished one).
 */
public final class AreaAverager {

    private final int srcW;
    private final int srcH;
    private final int outW;
    private final int outH;
    private final int bands;
    /**
     * Per output column: the source columns {@code [from, to)} lying wholly inside it (weight {@code outW} each), and
     * the weights of the partly covered columns just before ({@code from - 1}) and at {@code to} (0 when none).
     */
    private final int[] from;
    private final int[] to;
    private final int[] leftWeight;
    private final int[] rightWeight;
    private final long[] row;
    private long[] current;
    private long[] next;
    private final BufferedImage out;
    private final byte[] pixels;
    private int expectedY;
    private int outY;

    /** {@code bands}: 1 (grey, output {@code TYPE_BYTE_GRAY}) or 3 (R, G, B; output {@code TYPE_3BYTE_BGR}). */
    public AreaAverager(int srcW, int srcH, int outW, int outH, int bands) {
        if (outW < 1 || outH < 1 || outW > srcW || outH > srcH) {
            throw new IllegalArgumentException("area averaging only shrinks: " + srcW + "×" + srcH + " → " + outW + "×"
                    + outH);
        }
        if (bands != 1 && bands != 3) {
            throw new IllegalArgumentException("1 or 3 bands, not " + bands);
        }
        this.srcW = srcW;
        this.srcH = srcH;
        this.outW = outW;
        this.outH = outH;
        this.bands = bands;
        from = new int[outW];
        to = new int[outW];
        leftWeight = new int[outW];
        rightWeight = new int[outW];
        for (int j = 0; j < outW; j++) {
            long start = (long) j * srcW;
            long end = start + srcW;
            from[j] = (int) ((start + outW - 1) / outW);
            to[j] = (int) (end / outW);
            leftWeight[j] = (int) ((long) from[j] * outW - start);
            rightWeight[j] = (int) (end - (long) to[j] * outW);
        }
        row = new long[outW * bands];
        current = new long[outW * bands];
        next = new long[outW * bands];
        // The layouts ImageIO's readers produce for JPEG, which the encoders take as they are.
        out = new BufferedImage(outW, outH, bands == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        pixels = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    }

    /**
     * Source row {@code y} as bytes: pixel {@code x}'s band {@code b} at
     * {@code data[offset + x * pixelStride + bandOffsets[b]]}.
     */
    public void row(int y, byte[] data, int offset, int pixelStride, int[] bandOffsets) {
        begin(y);
        long[] sums = row;
        long unit = outW;
        if (bands == 1) {
            int o = offset + bandOffsets[0];
            for (int j = 0; j < outW; j++) {
                int x0 = from[j];
                int x1 = to[j];
                long v = 0;
                for (int p = o + x0 * pixelStride, end = o + x1 * pixelStride; p < end; p += pixelStride) {
                    v += data[p] & 0xFF;
                }
                v *= unit;
                int wl = leftWeight[j];
                if (wl != 0) {
                    v += (long) wl * (data[o + (x0 - 1) * pixelStride] & 0xFF);
                }
                int wr = rightWeight[j];
                if (wr != 0) {
                    v += (long) wr * (data[o + x1 * pixelStride] & 0xFF);
                }
                sums[j] = v;
            }
        } else {
            int ro = offset + bandOffsets[0];
            int go = offset + bandOffsets[1];
            int bo = offset + bandOffsets[2];
            for (int j = 0, k = 0; j < outW; j++, k += 3) {
                int x0 = from[j];
                int x1 = to[j];
                long r = 0;
                long g = 0;
                long b = 0;
                for (int p = x0 * pixelStride, end = x1 * pixelStride; p < end; p += pixelStride) {
                    r += data[ro + p] & 0xFF;
                    g += data[go + p] & 0xFF;
                    b += data[bo + p] & 0xFF;
                }
                long sr = r * unit;
                long sg = g * unit;
                long sb = b * unit;
                int wl = leftWeight[j];
                if (wl != 0) {
                    int p = (x0 - 1) * pixelStride;
                    sr += (long) wl * (data[ro + p] & 0xFF);
                    sg += (long) wl * (data[go + p] & 0xFF);
                    sb += (long) wl * (data[bo + p] & 0xFF);
                }
                int wr = rightWeight[j];
                if (wr != 0) {
                    int p = x1 * pixelStride;
                    sr += (long) wr * (data[ro + p] & 0xFF);
                    sg += (long) wr * (data[go + p] & 0xFF);
                    sb += (long) wr * (data[bo + p] & 0xFF);
                }
                sums[k] = sr;
                sums[k + 1] = sg;
                sums[k + 2] = sb;
            }
        }
        end(y);
    }

    /** Source row {@code y} as samples in band order ({@code bands} per pixel) starting at {@code offset}. */
    public void row(int y, int[] samples, int offset) {
        begin(y);
        long[] sums = row;
        for (int j = 0; j < outW; j++) {
            for (int b = 0; b < bands; b++) {
                long v = 0;
                for (int x = from[j]; x < to[j]; x++) {
                    v += samples[offset + x * bands + b];
                }
                v *= outW;
                if (leftWeight[j] != 0) {
                    v += (long) leftWeight[j] * samples[offset + (from[j] - 1) * bands + b];
                }
                if (rightWeight[j] != 0) {
                    v += (long) rightWeight[j] * samples[offset + to[j] * bands + b];
                }
                sums[j * bands + b] = v;
            }
        }
        end(y);
    }

    private void begin(int y) {
        if (y < expectedY) {
            // a new progressive pass: start over
            Arrays.fill(current, 0);
            Arrays.fill(next, 0);
            expectedY = 0;
            outY = 0;
        }
        if (y != expectedY) {
            throw new NotStreamable("row " + y + " arrived when row " + expectedY + " was expected");
        }
    }

    /** Adds the summed row to the output row(s) it covers; emits each output row it completes. */
    private void end(int y) {
        long start = (long) y * outH;
        long stop = start + outH;
        long boundary = (long) (outY + 1) * srcH;
        int a = (int) (Math.min(stop, boundary) - start);
        int rest = outH - a;
        long[] sums = row;
        long[] cur = current;
        int n = outW * bands;
        for (int k = 0; k < n; k++) {
            cur[k] += sums[k] * a;
        }
        if (stop >= boundary) {
            emit();
            if (rest != 0) {
                long[] nxt = current;
                for (int k = 0; k < n; k++) {
                    nxt[k] += sums[k] * rest;
                }
            }
        }
        expectedY = y + 1;
    }

    private void emit() {
        long area = (long) srcW * srcH;
        long half = area / 2;
        long[] cur = current;
        if (outY < outH) {
            int base = outY * outW * bands;
            if (bands == 1) {
                for (int x = 0; x < outW; x++) {
                    pixels[base + x] = (byte) ((cur[x] + half) / area);
                }
            } else {
                // TYPE_3BYTE_BGR: blue, green, red
                for (int k = 0; k < outW * 3; k += 3) {
                    pixels[base + k] = (byte) ((cur[k + 2] + half) / area);
                    pixels[base + k + 1] = (byte) ((cur[k + 1] + half) / area);
                    pixels[base + k + 2] = (byte) ((cur[k] + half) / area);
                }
            }
        }
        outY++;
        long[] done = current;
        current = next;
        next = done;
        Arrays.fill(next, 0);
    }

    /** Whether every source row has arrived (of the last pass, for a progressive image). */
    public boolean complete() {
        return expectedY == srcH && outY == outH;
    }

    public int sourceWidth() {
        return srcW;
    }

    public int sourceHeight() {
        return srcH;
    }

    public int bands() {
        return bands;
    }

    /** The shrunk image; complete once every source row has arrived. */
    public BufferedImage image() {
        return out;
    }

    /** Rows arrived in a way the streaming decode cannot follow: the caller decodes the usual way instead. */
    public static final class NotStreamable extends RuntimeException {
        public NotStreamable(String message) {
            super(message, null, false, false);
        }
    }
}
